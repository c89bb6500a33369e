import { createSocket, type RemoteInfo } from 'node:dgram';

export interface DnsZone {
  /** name -> A addresses */
  readonly a?: Readonly<Record<string, readonly string[]>>;
  readonly txt?: Readonly<Record<string, readonly string[]>>;
  /** name -> rcode number to answer with (2 SERVFAIL, 5 REFUSED); unknown names get NXDOMAIN (3). */
  readonly rcode?: Readonly<Record<string, number>>;
}

export interface DnsResponder {
  /** `127.0.0.1:PORT` for Resolver.setServers. */
  readonly server: string;
  readonly queries: string[];
  stop(): Promise<void>;
}

const TYPE_A = 1;
const TYPE_TXT = 16;

/** A tiny authoritative UDP DNS server for tests: answers A and TXT from `zone`, NXDOMAIN otherwise. */
export async function startDnsResponder(zone: DnsZone): Promise<DnsResponder> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (message: Buffer, peer: RemoteInfo) => {
    const { name, type, end } = readQuestion(message);
    queries.push(`${name} ${type}`);
    const question = message.subarray(12, end);
    const answers = answer(zone, name, type);
    const rcode = zone.rcode?.[name] ?? (answers === undefined ? 3 : 0);
    const header = Buffer.alloc(12);
    message.copy(header, 0, 0, 2);
    header.writeUInt16BE(0x8400 | 0x0100 | (message.readUInt16BE(2) & 0x0100) | rcode, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(rcode === 0 ? (answers?.length ?? 0) : 0, 6);
    const records = rcode === 0 ? (answers ?? []).map((rdata) => record(type, rdata)) : [];
    socket.send(Buffer.concat([header, question, ...records]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    queries,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function readQuestion(message: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let offset = 12;
  for (let length = message[offset] ?? 0; length > 0; length = message[offset] ?? 0) {
    labels.push(message.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += length + 1;
  }
  offset += 1;
  return { name: labels.join('.').toLowerCase(), type: message.readUInt16BE(offset), end: offset + 4 };
}

function answer(zone: DnsZone, name: string, type: number): Buffer[] | undefined {
  const known = zone.a?.[name] !== undefined || zone.txt?.[name] !== undefined;
  if (!known) return undefined;
  if (type === TYPE_A) return (zone.a?.[name] ?? []).map((ip) => Buffer.from(ip.split('.').map(Number)));
  if (type === TYPE_TXT) {
    return (zone.txt?.[name] ?? []).map((text) =>
      Buffer.concat([Buffer.from([text.length]), Buffer.from(text)]),
    );
  }
  return [];
}

function record(type: number, rdata: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0); // pointer to the question's name
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4); // IN
  head.writeUInt32BE(60, 6);
  head.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([head, rdata]);
}
