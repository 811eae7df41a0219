import { Command } from 'commander';
import { KgovError } from '../../core/index.js';
import {
  changeModelStatus, getModelVersion, licensedArtifacts, listModelVersions, modelStages, modelStatuses, registerModelVersion,
  type LicensedArtifact, type ModelLicence, type ModelStage, type ModelStatus,
} from '../../models/registry/index.js';
import { newCommand, withCommonOptions } from '../command-factory.js';
import { message } from '../messages.js';
import { formatDate, printLine, printTable } from '../output.js';
import { operator, withDatabase } from '../runtime.js';

type Common = { data?: string; config?: string; json?: boolean };
type RegisterOptions = Common & {
  stage: string; parent?: string; servedAs?: string; artifact?: string; sha256?: string; description?: string; licence: string[];
};

function oneOf<T extends string>(values: readonly T[], value: string, option: string): T {
  if ((values as readonly string[]).includes(value)) return value as T;
  throw new KgovError('usage', { detail: message('models.badChoice', { option, value, allowed: values.join(', ') }) });
}

/** `weights=CC-BY-NC-4.0:non-commercial` — the commercial flag is required: guessing it from the licence name is how agencies get it wrong. */
export function parseLicenceSpec(spec: string): ModelLicence {
  const match = /^(code|weights|data)=([^:]{1,200}):(commercial|non-commercial)$/.exec(spec.trim());
  if (!match) throw new KgovError('usage', { detail: message('models.badLicence', { value: spec }) });
  return { artifact: match[1] as LicensedArtifact, licence: match[2]!, commercialUse: match[3] === 'commercial', source: null };
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function modelsCommand(): Command {
  const models = newCommand('models').description(message('models.description'));
  models.addCommand(
    withCommonOptions(newCommand('list'))
      .description(message('models.list.description'))
      .option('--status <status>', message('models.status'))
      .option('--json', message('option.json'))
      .action(async (options: Common & { status?: string }) => {
        const status = options.status ? oneOf(modelStatuses, options.status, '--status') : undefined;
        const rows = await withDatabase(options, (database) => listModelVersions(database, operator(), status ? { status } : {}));
        if (options.json) return printLine(JSON.stringify(rows));
        if (rows.length === 0) return printLine(message('models.none'));
        printTable(['NAME', 'STAGE', 'PARENT', 'STATUS', 'SERVED AS', 'COMMERCIAL', 'CREATED'], rows.map((row) => [
          row.name, row.stage, row.parentName ?? '-', row.status, row.servedAs ?? '-',
          commercialSummary(row.licences), formatDate(row.createdAt),
        ]));
      }),
  );
  models.addCommand(
    withCommonOptions(newCommand('show'))
      .description(message('models.show.description'))
      .argument('<name>', message('models.name'))
      .option('--json', message('option.json'))
      .action(async (name: string, options: Common) => {
        const detail = await withDatabase(options, (database) => getModelVersion(database, operator(), name));
        if (options.json) return printLine(JSON.stringify(detail));
        printLine(`${detail.name}  [${detail.status}]  ${detail.stage}`);
        printLine(`${message('models.lineage')}: ${[...detail.lineage.map((entry) => `${entry.name} (${entry.stage})`), `${detail.name} (${detail.stage})`].join(' → ')}`);
        if (detail.servedAs) printLine(`${message('models.servedAs')}: ${detail.servedAs}`);
        if (detail.artifactUri) printLine(`${message('models.artifact')}: ${detail.artifactUri}${detail.sha256 ? ` (sha256 ${detail.sha256})` : ''}`);
        if (detail.description) printLine(detail.description);
        printLine(`${message('models.licences')}:`);
        for (const artifact of licensedArtifacts) {
          const licence = detail.licences.find((entry) => entry.artifact === artifact);
          printLine(`  ${artifact}: ${licence ? `${licence.licence} (${message(licence.commercialUse ? 'models.commercial' : 'models.nonCommercial')})` : message('models.licenceMissing')}`);
        }
        printLine(`${message('models.history')}:`);
        for (const change of detail.history) {
          printLine(`  ${formatDate(change.at)}  ${change.from ?? '-'} → ${change.to}  ${change.actor}${change.note ? `  ${change.note}` : ''}`);
        }
      }),
  );
  models.addCommand(
    withCommonOptions(newCommand('register'))
      .description(message('models.register.description'))
      .argument('<name>', message('models.name'))
      .requiredOption('--stage <stage>', message('models.stage'))
      .option('--parent <name>', message('models.parent'))
      .option('--served-as <model>', message('models.servedAsOption'))
      .option('--artifact <uri>', message('models.artifactOption'))
      .option('--sha256 <hex>', message('models.sha256'))
      .option('--description <text>', message('models.descriptionOption'))
      .option('--licence <spec>', message('models.licenceOption'), collect, [])
      .action(async (name: string, options: RegisterOptions) => {
        const stage = oneOf<ModelStage>(modelStages, options.stage, '--stage');
        const licences = options.licence.map(parseLicenceSpec);
        const version = await withDatabase(options, (database) => registerModelVersion(database, operator(), {
          name, stage, parentName: options.parent, servedAs: options.servedAs, artifactUri: options.artifact, sha256: options.sha256,
          description: options.description, licences,
        }));
        printLine(message('models.registered', { name: version.name, stage: version.stage, status: version.status }));
      }),
  );
  models.addCommand(
    withCommonOptions(newCommand('promote'))
      .description(message('models.promote.description'))
      .argument('<name>', message('models.name'))
      .requiredOption('--to <status>', message('models.to'))
      .option('--note <text>', message('models.note'))
      .action(async (name: string, options: Common & { to: string; note?: string }) => {
        const to = oneOf<ModelStatus>(modelStatuses, options.to, '--to');
        const result = await withDatabase(options, (database) => changeModelStatus(database, operator(), { name, to, note: options.note }));
        printLine(message('models.promoted', { name, status: result.version.status }));
        if (result.replaced) printLine(message('models.replaced', { name: result.replaced }));
      }),
  );
  return models;
}

function commercialSummary(licences: readonly ModelLicence[]): string {
  if (licences.length < licensedArtifacts.length) return '?';
  return licences.every((licence) => licence.commercialUse) ? 'yes' : 'no';
}
