// A Deployment's status as the Deployment controller writes it, from how many of its pods run and are ready.

export interface DeploymentCounts {
  generation: number;
  desired: number;
  /** pods of the current template that exist (started or waiting to start) */
  updated: number;
  ready: number;
  replicaSetName: string;
  /** why pods are not running, if they are not */
  waiting?: { reason: string; message: string };
}

type Previous = Array<{ type: string; status: string; lastTransitionTime?: string | Date }>;

export function deploymentStatus(c: DeploymentCounts, previous: Previous = [], now = new Date()) {
  const at = now.toISOString();
  const since = (type: string, status: string) => {
    const before = previous.find((p) => p.type === type);
    const t = before && before.status === status ? before.lastTransitionTime : undefined;
    return t ? new Date(t).toISOString() : at;
  };
  const available = c.ready >= c.desired;
  const progressed = c.updated >= c.desired && available;
  const availableStatus = available ? 'True' : 'False';
  return {
    status: {
      observedGeneration: c.generation,
      replicas: c.updated,
      updatedReplicas: c.updated,
      readyReplicas: c.ready,
      availableReplicas: c.ready,
      ...(c.desired - c.ready > 0 ? { unavailableReplicas: c.desired - c.ready } : { unavailableReplicas: null }),
      conditions: [
        {
          type: 'Available',
          status: availableStatus,
          reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          message: available
            ? 'Deployment has minimum availability.'
            : `Deployment does not have minimum availability.${c.waiting ? ` ${c.waiting.reason}: ${c.waiting.message}` : ''}`,
          lastUpdateTime: at,
          lastTransitionTime: since('Available', availableStatus),
        },
        {
          type: 'Progressing',
          status: 'True',
          reason: progressed ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
          message: progressed
            ? `ReplicaSet "${c.replicaSetName}" has successfully progressed.`
            : `ReplicaSet "${c.replicaSetName}" is progressing.`,
          lastUpdateTime: at,
          lastTransitionTime: since('Progressing', 'True'),
        },
      ],
    },
  };
}
