import { SseParser, type SseMessage } from './sse-parser';

function parse(chunks: readonly string[]): { messages: SseMessage[]; comments: string[]; blocks: number } {
  const out = { messages: [] as SseMessage[], comments: [] as string[], blocks: 0 };
  const parser = new SseParser({
    message: (m) => out.messages.push(m),
    comment: (c) => out.comments.push(c),
    block: () => out.blocks++,
  });
  chunks.forEach((chunk) => parser.feed(chunk));
  return out;
}

describe('SseParser', () => {
  it('dispatches events with type, joined data lines and id', () => {
    const { messages } = parse(['event: neo.x\nid: 7\ndata: {"a":1}\ndata: two\n\n']);
    expect(messages).toEqual([{ event: 'neo.x', id: '7', data: '{"a":1}\ntwo' }]);
  });

  it('defaults the type to message and omits an id never set', () => {
    expect(parse(['data: hi\n\n']).messages).toEqual([{ event: 'message', data: 'hi' }]);
  });

  it('keeps the last id for later events, as EventSource lastEventId does', () => {
    const { messages } = parse(['id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n']);
    expect(messages.map((m) => m.id)).toEqual(['1', '1', undefined]);
  });

  it('reports comments and does not dispatch blocks without data', () => {
    const out = parse(['retry: 2000\n\n: connected; channels a,b\n\n:keep-alive\n\nevent: lonely\n\n']);
    expect(out.messages).toEqual([]);
    expect(out.comments).toEqual(['connected; channels a,b', 'keep-alive']);
    expect(out.blocks).toBe(4);
  });

  it('strips one space after the colon only and accepts fields without a colon', () => {
    const { messages } = parse(['data:  two spaces\ndata\ndata:x\n\n']);
    expect(messages[0].data).toBe(' two spaces\n\nx');
  });

  it('handles CRLF and CR line ends, also split across chunks, and a leading BOM', () => {
    const { messages } = parse(['\uFEFFdata: a\r', '\n\r', '\nevent: e\rdata: b\r\r\n']);
    expect(messages.map((m) => [m.event, m.data])).toEqual([
      ['message', 'a'],
      ['e', 'b'],
    ]);
  });

  it('waits for the blank line before dispatching, across any chunk split', () => {
    const text = 'event: neo.y\ndata: {"n":1}\n\n';
    const parser = parse(text.split(''));
    expect(parser.messages).toEqual([{ event: 'neo.y', data: '{"n":1}' }]);
    expect(parse([text.slice(0, -1)]).messages).toEqual([]);
  });
});
