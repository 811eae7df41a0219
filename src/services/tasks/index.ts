export { defineTask, quoted, type RenderResult, type TaskTemplate, type WithoutModel } from './task-template.js';
export { findTask, taskReference, taskTemplates, type TaskLookup } from './task-catalog.js';
export { planTask, taskMaterial, type TaskPlan } from './plan-task.js';
export { extractiveSummary, extractiveSummaryLabel, splitSentences } from './extractive-summary.js';
export { domainRefusal } from './domain-refusal.js';
export { isOutOfDomain } from './domain-scope.js';
