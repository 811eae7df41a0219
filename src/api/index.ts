export type { ApiContext } from './context.js';
export { errorBody, toKgovError, type ErrorBody } from './error-response.js';
export { buildServer } from './server.js';
export { routerJudgeModel } from './judge-model.js';
