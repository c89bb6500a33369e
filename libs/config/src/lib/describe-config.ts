import type { SettingMap } from './setting';

/** Settings as safe to log: secrets masked, so a start-up line never leaks a password. */
export function describeSettings(
  settings: SettingMap,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(settings).map(([key, def]) => [
      key,
      def.secret && values[key] !== undefined && values[key] !== '' ? '***' : values[key],
    ]),
  );
}

/** A Markdown table of every setting (env name, file key, default, description) for the README. */
export function renderSettingsTable(settings: SettingMap): string {
  const rows = Object.values(settings).map(
    (def) =>
      `| \`${def.env}\` | ${def.fileKey ? `\`${def.fileKey}\`` : ''} | ${def.secret ? '(secret)' : `\`${JSON.stringify(def.default)}\``} | ${def.description} |`,
  );
  return ['| env | file key | default | description |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
