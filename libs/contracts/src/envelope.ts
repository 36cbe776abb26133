/**
 * CloudEvents 1.0 envelope (binary content mode on Kafka: attributes travel as `ce_*` headers,
 * the payload is the message value). The id is made once, when the outbox row is written, and is
 * what consumers de-duplicate on.
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  source: string;
  type: string;
  specversion: '1.0';
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  dataschema: string;
  /** Contract version; `type` + version select the payload class. */
  version: number;
  data: T;
}

const HEADER_PREFIX = 'ce_';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ATTRIBUTES = ['id', 'source', 'type', 'specversion', 'time', 'subject', 'dataschema'] as const;

export function envelopeToHeaders(e: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': e.datacontenttype, 'ce_version': String(e.version) };
  for (const a of ATTRIBUTES) headers[HEADER_PREFIX + a] = String(e[a]);
  return headers;
}

/**
 * The largest message value a consumer reads. Our largest event is about 2 KB; a value far beyond
 * that is not one of ours and is dead-lettered before it is parsed.
 */
export const MAX_EVENT_BYTES = 64 * 1024;

/** Rebuilds an envelope from headers and value; returns a reason when the message is not one of ours. */
export function envelopeFromMessage(
  headers: Record<string, string | undefined>,
  value: string | Buffer | null,
): { ok: true; envelope: EventEnvelope } | { ok: false; reason: string } {
  const bytes = value === null ? 0 : typeof value === 'string' ? Buffer.byteLength(value) : value.length;
  if (bytes > MAX_EVENT_BYTES) return { ok: false, reason: `value is ${bytes} bytes, more than ${MAX_EVENT_BYTES}` };
  for (const a of ATTRIBUTES) {
    if (!headers[HEADER_PREFIX + a]) return { ok: false, reason: `missing header ${HEADER_PREFIX}${a}` };
  }
  // The inbox records the id as a uuid: anything else could never be recorded, only retried.
  if (!UUID.test(headers.ce_id!)) return { ok: false, reason: 'header ce_id is not a UUID' };
  const version = Number(headers['ce_version']);
  if (!Number.isInteger(version) || version < 1) return { ok: false, reason: 'missing or bad header ce_version' };
  let data: unknown;
  try {
    data = value === null ? null : JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  return {
    ok: true,
    envelope: {
      id: headers.ce_id!.toLowerCase(),
      source: headers.ce_source!,
      type: headers.ce_type!,
      specversion: '1.0',
      time: headers.ce_time!,
      subject: headers.ce_subject!,
      datacontenttype: 'application/json',
      dataschema: headers.ce_dataschema!,
      version,
      data,
    },
  };
}
