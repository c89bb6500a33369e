import { ByteSizeParseError, parseByteSize } from './byte-size';

describe('parseByteSize', () => {
  it('reads Prometheus base-2 sizes', () => {
    expect(parseByteSize('0')).toBe(0);
    expect(parseByteSize('512B')).toBe(512);
    expect(parseByteSize('1KB')).toBe(1024);
    expect(parseByteSize('1.5GB')).toBe(1.5 * 1024 ** 3);
  });

  it.each(['', '1', '1gb', '-1MB', 'MB'])('rejects %p', (text) => {
    expect(() => parseByteSize(text)).toThrow(ByteSizeParseError);
  });
});
