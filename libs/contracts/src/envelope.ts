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
const ATTRIBUTES = ['id', 'source', 'type', 'specversion', 'time', 'subject', 'dataschema'] as const;

export function envelopeToHeaders(e: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': e.datacontenttype, 'ce_version': String(e.version) };
  for (const a of ATTRIBUTES) headers[HEADER_PREFIX + a] = String(e[a]);
  return headers;
}

/** Rebuilds an envelope from headers and value; returns a reason when the message is not one of ours. */
export function envelopeFromMessage(
  headers: Record<string, string | undefined>,
  value: string | null,
): { ok: true; envelope: EventEnvelope } | { ok: false; reason: string } {
  for (const a of ATTRIBUTES) {
    if (!headers[HEADER_PREFIX + a]) return { ok: false, reason: `missing header ${HEADER_PREFIX}${a}` };
  }
  const version = Number(headers['ce_version']);
  if (!Number.isInteger(version) || version < 1) return { ok: false, reason: 'missing or bad header ce_version' };
  let data: unknown;
  try {
    data = value === null ? null : JSON.parse(value);
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  return {
    ok: true,
    envelope: {
      id: headers.ce_id!,
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
