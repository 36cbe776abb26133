import { AclEntry, AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, KafkaConfig, logLevel, ResourcePatternTypes } from 'kafkajs';
import { deadLetterTopicOf, TOPICS } from '@jiuzhu/contracts';
import { eventually, kafkaBrokers } from './infra';
import { ScramLogin } from './kafka-broker';
import { TEST_KAFKA_SERVICE_LOGINS, TEST_KAFKA_SUPER_USER, testBrokerHasLogins, testSasl } from './kafka-logins';

/** A kafkajs client configuration for the test broker, logged in as `login` (default: the harness's super user). */
export function testKafkaConfig(clientId: string, login: ScramLogin = TEST_KAFKA_SUPER_USER): KafkaConfig {
  const sasl = testSasl(login);
  return { clientId, brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, ...(sasl ? { sasl } : {}) };
}

/**
 * The topics each service consumes, besides the ones it produces. The ACLs grant exactly these, so
 * a service that starts consuming another topic fails on the broker until it is added here and in
 * docs/security.md (where a bureau's cluster gets the same ACLs).
 */
export const CONSUMED_TOPICS: Readonly<Record<string, readonly string[]>> = {
  'living-allowance': [TOPICS.elderAssessments, TOPICS.hardshipPersons],
  'elder-assessment': [],
  'hardship-registry': [TOPICS.livingAllowanceStandards, TOPICS.elderAssessments, TOPICS.livingAllowanceCases],
};

export interface KafkaAccess {
  /** The service: its user name and principal `User:<service>`. */
  service: string;
  /** Topics it publishes (contract names). */
  produces: readonly string[];
  /** Topics it consumes (contract names). */
  consumes: readonly string[];
  /** Its consumer group. */
  group: string;
  /** What the deployment puts before topic names (tests: one per suite). */
  topicPrefix?: string;
}

/**
 * The ACLs of one service, as docs/security.md states them for a real cluster: it writes only the
 * topics it produces, reads only the topics it consumes and joins only its own consumer group.
 * - its own topics: WRITE (and DESCRIBE); CREATE for the topic and its `.dlt`, since services create
 *   missing topics on start. The idempotent producer needs no cluster right: WRITE on a topic is
 *   enough for its producer id (KIP-679);
 * - topics it consumes: READ; CREATE, because whichever service starts first creates the topic (a
 *   cluster whose topics are made in advance can leave CREATE out); WRITE on their `.dlt`, where its
 *   consumer parks what it cannot handle;
 * - its group: READ (join, commit; DESCRIBE comes with it).
 * Everything is LITERAL: no prefix lets a service reach a name that is not listed.
 */
export function serviceAcls(a: KafkaAccess): AclEntry[] {
  const on = (name: string) => `${a.topicPrefix ?? ''}${name}`;
  const topic = (name: string, ...ops: AclOperationTypes[]) => ops.map((operation) => acl(a.service, AclResourceTypes.TOPIC, on(name), operation));
  return [
    ...a.produces.flatMap((t) => [...topic(t, AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE, AclOperationTypes.CREATE), ...topic(deadLetterTopicOf(t), AclOperationTypes.CREATE, AclOperationTypes.DESCRIBE)]),
    ...a.consumes.flatMap((t) => [
      ...topic(t, AclOperationTypes.READ, AclOperationTypes.DESCRIBE, AclOperationTypes.CREATE),
      ...topic(deadLetterTopicOf(t), AclOperationTypes.WRITE, AclOperationTypes.DESCRIBE, AclOperationTypes.CREATE),
    ]),
    acl(a.service, AclResourceTypes.GROUP, a.group, AclOperationTypes.READ),
  ];
}

function acl(service: string, resourceType: AclResourceTypes, resourceName: string, operation: AclOperationTypes): AclEntry {
  return {
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: `User:${service}`,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/** The service's own login on the test broker, or none when the broker takes no logins (or the name is no service's). */
export function serviceLogin(service: string): ScramLogin | undefined {
  return testBrokerHasLogins() ? TEST_KAFKA_SERVICE_LOGINS[service] : undefined;
}

/**
 * Gives a service its ACLs on the test broker (as the super user), and returns once the broker
 * enforces them: ACLs are made by the controller and reach the broker's authorizer a moment later,
 * and a service connecting in between would be refused and wait a reconnect pause.
 */
export async function grantServiceAccess(a: Omit<KafkaAccess, 'consumes'> & { consumes?: readonly string[] }): Promise<void> {
  const access = { ...a, consumes: a.consumes ?? CONSUMED_TOPICS[a.service] ?? [] };
  const entries = serviceAcls(access);
  const admin = new Kafka(testKafkaConfig('test-acls')).admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: entries });
    // One CreateAcls request is one batch of metadata records: once the group's ACL shows, all do.
    await eventually(async () => {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.GROUP,
        resourceName: a.group,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: `User:${a.service}`,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ALLOW,
      });
      return resources.length > 0;
    }, `the broker to enforce the ACLs of ${a.service}`);
  } finally {
    await admin.disconnect();
  }
}
