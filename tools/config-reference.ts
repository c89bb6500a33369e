/**
 * Keeps README.md's configuration reference (every env variable and file key with its default) generated from
 * the apps' own setting definitions: `--write` replaces the block, `--check` fails when it is out of date.
 * Run: node -r @swc-node/register tools/config-reference.ts --write|--check [README.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { renderSettingsTable, type SettingMap } from '@neo/config';
import { collectorSettings } from '../apps/collector/src/config/collector.config';
import { alerterSettings } from '../apps/alerter/src/config/alerter.config';
import { syntheticRunnerSettings } from '../apps/synthetic-runner/src/config/synthetic-runner.config';
import { dashboardApiSettings } from '../apps/dashboard-api/src/config/dashboard-api.config';

const BEGIN = '<!-- config-reference:begin -->';
const END = '<!-- config-reference:end -->';

const sections: Array<[string, string, SettingMap]> = [
  ['collector', 'config/collector.yaml (NEO_COLLECTOR_CONFIG)', collectorSettings],
  ['alerter', 'config/alerter.yaml (NEO_ALERTER_CONFIG)', alerterSettings],
  ['synthetic-runner', 'config/synthetic-runner.yaml (NEO_SYNTHETIC_CONFIG)', syntheticRunnerSettings],
  ['dashboard-api', 'config/dashboard-api.yaml (NEO_DASHBOARD_CONFIG)', dashboardApiSettings],
];

export function renderReference(): string {
  return sections
    .map(([app, file, settings]) => `#### ${app}\n\nFile: \`${file}\`\n\n${renderSettingsTable(settings)}\n`)
    .join('\n');
}

const [mode, path = 'README.md'] = process.argv.slice(2);
const generated = `${BEGIN}\n${renderReference()}${END}`;
const readme = readFileSync(path, 'utf8');
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start < 0 || end < start) {
  process.stderr.write(`${path} has no ${BEGIN} ... ${END} block\n`);
  process.exit(1);
}
const current = readme.slice(start, end + END.length);
if (mode === '--write') {
  writeFileSync(path, readme.slice(0, start) + generated + readme.slice(end + END.length));
} else if (current !== generated) {
  process.stderr.write(`${path}: configuration reference is out of date; run \`npm run docs:config\`\n`);
  process.exit(1);
}
