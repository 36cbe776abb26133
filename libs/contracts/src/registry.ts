import { EventContract, patternOf } from './event-contract';
import { ELDER_ASSESSMENT_EVENTS } from './elder-assessment';
import { HARDSHIP_REGISTRY_EVENTS } from './hardship-registry';
import { LIVING_ALLOWANCE_EVENTS } from './living-allowance';

/** Every event contract of the platform; services look up topics and payload classes here. */
export const ALL_EVENT_CONTRACTS: readonly EventContract<any>[] = [...LIVING_ALLOWANCE_EVENTS, ...ELDER_ASSESSMENT_EVENTS, ...HARDSHIP_REGISTRY_EVENTS];

const byPattern = new Map(ALL_EVENT_CONTRACTS.map((c) => [patternOf(c), c]));

export function contractForPattern(pattern: string): EventContract<any> | undefined {
  return byPattern.get(pattern);
}

const knownTypes = new Set(ALL_EVENT_CONTRACTS.map((c) => c.type));

/** A type some contract of the platform has, in any version. */
export function isKnownEventType(type: string): boolean {
  return knownTypes.has(type);
}

export function contractFor(type: string, version: number): EventContract<any> | undefined {
  return byPattern.get(`${type}.v${version}`);
}

/** The dead-letter topic for a topic: failing messages are parked there with the error. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlt`;
}
