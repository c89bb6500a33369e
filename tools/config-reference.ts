/**
 * Keeps README.md's configuration reference (every env variable and file key with its default) generated from
 * the apps' own setting definitions: `--write` replaces the block, `--check` fails when it is out of date.
 * Run: node -r @swc-node/register tools/config-reference.ts --write|--check [README.md]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
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

async function main(): Promise<void> {
  const [mode, path = 'README.md'] = process.argv.slice(2);
  const readme = readFileSync(path, 'utf8');
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${path} has no ${BEGIN} ... ${END} block`);
  }
  const replaced = `${readme.slice(0, start)}${BEGIN}\n${renderReference()}${END}${readme.slice(end + END.length)}`;
  // Formatted as `prettier --check` wants it, so the docs check and the format check never disagree.
  const options = (await resolveConfig(path)) ?? {};
  const expected = await format(replaced, { ...options, filepath: path });
  if (mode === '--write') {
    writeFileSync(path, expected);
  } else if (expected !== readme) {
    throw new Error(`${path}: configuration reference is out of date; run \`npm run docs:config\``);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
