export { ConfigError } from './lib/config-error';
export { commonSettings } from './lib/common-settings';
export { describeSettings, renderSettingsTable } from './lib/describe-config';
export { deepFreeze, loadConfig } from './lib/load-config';
export type { ConfigSpec, Env, LoadedConfig } from './lib/load-config';
export { parseBooleanText, setting } from './lib/setting';
export type { SettingDef, SettingMap, SettingValues } from './lib/setting';
export { parseYamlText, readYamlFile } from './lib/yaml-file';
export type { YamlFile } from './lib/yaml-file';
