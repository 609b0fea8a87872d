import { AssignerProtocol, PartitionAssigners, type PartitionAssigner } from 'kafkajs';

/** Which member takes each partition number: spread evenly, the same way for every topic. */
export function coPartitionedAssignment(
  memberIds: readonly string[],
  partitionsByTopic: ReadonlyMap<string, readonly number[]>,
): Map<string, Record<string, number[]>> {
  const members = [...memberIds].sort();
  const assignment = new Map<string, Record<string, number[]>>();
  for (const [topic, partitions] of partitionsByTopic) {
    for (const partition of partitions) {
      const member = members[partition % members.length]!;
      const topics = assignment.get(member) ?? {};
      (topics[topic] ??= []).push(partition);
      assignment.set(member, topics);
    }
  }
  return assignment;
}

/**
 * Gives partition n of every subscribed topic to the same member, as Kafka Streams does for
 * co-partitioned topics: two topics keyed alike (by tenant, say) then reach one instance together,
 * so the state it keeps for a key sees every event about that key. Listed before kafkajs's round
 * robin, which a group falls back to while older members that lack this one are still in it.
 */
export const CoPartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'HandoffCoPartitionedAssigner',
  version: 0,
  async assign({ members, topics }) {
    const partitionsByTopic = new Map(
      topics.map((topic) => [
        topic,
        cluster.findTopicPartitionMetadata(topic).map(({ partitionId }) => partitionId),
      ]),
    );
    const assignment = coPartitionedAssignment(
      members.map(({ memberId }) => memberId),
      partitionsByTopic,
    );
    return [...assignment].map(([memberId, topicPartitions]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 0,
        assignment: topicPartitions,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: 'HandoffCoPartitionedAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({
        version: 0,
        topics,
        userData: Buffer.alloc(0),
      }),
    };
  },
});

export const partitionAssigners = [CoPartitionedAssigner, PartitionAssigners.roundRobin];
