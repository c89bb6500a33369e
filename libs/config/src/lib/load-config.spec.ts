import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { commonSettings } from './common-settings';
import { ConfigError } from './config-error';
import { describeSettings } from './describe-config';
import { loadConfig } from './load-config';

const fileSchema = z
  .object({
    targets: z.array(z.object({ url: z.string().url(), interval: z.string().default('15s') })).default([]),
  })
  .strict();

const spec = {
  app: 'demo',
  settings: commonSettings('NEO_DEMO', 9999),
  file: fileSchema,
  fileEnv: 'NEO_DEMO_CONFIG',
  defaultFile: '/nonexistent/demo.yaml',
};

function writeYaml(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'neo-config-'));
  const path = join(dir, 'demo.yaml');
  writeFileSync(path, text);
  return path;
}

function catchError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses defaults when the default file does not exist', () => {
    const config = loadConfig(spec, {});
    expect(config.port).toBe(9999);
    expect(config.file).toEqual({ targets: [] });
    expect(config.configFile).toBeUndefined();
  });

  it('env wins over the file, the file over defaults', () => {
    const path = writeYaml(
      'server:\n  port: 7001\n  host: 127.0.0.1\ntargets:\n  - url: http://127.0.0.1:1/metrics\n',
    );
    const fromFile = loadConfig(spec, { NEO_DEMO_CONFIG: path });
    expect(fromFile.port).toBe(7001);
    expect(fromFile.host).toBe('127.0.0.1');
    expect(fromFile.file.targets[0]).toEqual({ url: 'http://127.0.0.1:1/metrics', interval: '15s' });
    expect(loadConfig(spec, { NEO_DEMO_CONFIG: path, NEO_DEMO_PORT: '7002' }).port).toBe(7002);
  });

  it('returns a deeply frozen object', () => {
    const path = writeYaml('targets:\n  - url: http://127.0.0.1:1/metrics\n');
    const config = loadConfig(spec, { NEO_DEMO_CONFIG: path });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.file.targets[0])).toBe(true);
  });

  it('names the file, line and key of a bad structured value', () => {
    const path = writeYaml('targets:\n  - url: http://127.0.0.1:1/metrics\n  - url: not a url\n');
    const error = catchError(() => loadConfig(spec, { NEO_DEMO_CONFIG: path }));
    expect(error.message).toContain(`${path}:3:`);
    expect(error.key).toBe('targets.1.url');
  });

  it('names the file and key of a bad scalar setting in the file', () => {
    const path = writeYaml('server:\n  port: seventy\n');
    const error = catchError(() => loadConfig(spec, { NEO_DEMO_CONFIG: path }));
    expect(error.message).toContain(`${path}:2:`);
    expect(error.key).toBe('server.port');
  });

  it('names the env variable of a bad env value', () => {
    const error = catchError(() => loadConfig(spec, { NEO_DEMO_PORT: 'x' }));
    expect(error.source).toBe('env NEO_DEMO_PORT');
  });

  it('reports YAML syntax errors with their position', () => {
    const path = writeYaml('targets:\n  - url: [unclosed\n');
    const error = catchError(() => loadConfig(spec, { NEO_DEMO_CONFIG: path }));
    expect(error.message).toContain(path);
    expect(error.key).toBe('(syntax)');
  });

  it('rejects unknown keys in a strict file schema', () => {
    const path = writeYaml('targest: []\n');
    expect(catchError(() => loadConfig(spec, { NEO_DEMO_CONFIG: path })).message).toMatch(
      /targest|Unrecognized/,
    );
  });

  it('rejects a misspelt key inside a settings section, naming file, line and key', () => {
    const path = writeYaml('server:\n  port: 7001\n  hots: 127.0.0.1\n');
    const error = catchError(() => loadConfig(spec, { NEO_DEMO_CONFIG: path }));
    expect(error.key).toBe('server.hots');
    expect(error.message).toContain(`${path}:3:`);
    expect(error.message).toContain('server.port');
  });

  it('fails when an explicitly named file is missing', () => {
    expect(catchError(() => loadConfig(spec, { NEO_DEMO_CONFIG: '/nonexistent/x.yaml' })).message).toMatch(
      /cannot read file/,
    );
  });

  it('never shows secrets, neither when describing nor in errors', () => {
    const config = loadConfig(spec, { REDIS_URL: 'redis://:hunter2@127.0.0.1:6379' });
    expect(JSON.stringify(describeSettings(spec.settings, config))).not.toContain('hunter2');
    const error = catchError(() => loadConfig(spec, { REDIS_URL: 'hunter2' }));
    expect(error.message).not.toContain('hunter2');
  });
});
