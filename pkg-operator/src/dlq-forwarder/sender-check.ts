// Who may post a dead letter into a namespace's exchange: only a sender holding a Kubernetes service-account
// token of THAT namespace, issued for the forwarder's audience. With Knative Eventing's `authentication-oidc`
// feature on, the Trigger's dispatcher sends exactly that: a token of the Trigger's OIDC service account
// (in the function's namespace) for the audience the operator sets on the Trigger's deadLetterSink. The
// forwarder checks it with the TokenReview API (authenticated, audience, namespace).
import type { KubeConfig } from '@kubernetes/client-node';
import { AuthenticationV1Api } from '@kubernetes/client-node';

import { DLQ_FORWARDER_AUDIENCE } from '../naming/names';

export const DEFAULT_AUDIENCE = DLQ_FORWARDER_AUDIENCE;

export interface ReviewedToken {
  authenticated: boolean;
  username?: string;
  audiences?: string[];
}

export type TokenReviewer = (token: string, audience: string) => Promise<ReviewedToken>;

export function tokenReviewer(kc: KubeConfig): TokenReviewer {
  const api = kc.makeApiClient(AuthenticationV1Api);
  return async (token, audience) => {
    const review = await api.createTokenReview({ body: { spec: { token, audiences: [audience] } } });
    const status = review.status ?? {};
    return {
      authenticated: status.authenticated === true,
      username: status.user?.username,
      audiences: status.audiences,
    };
  };
}

export interface Refusal {
  status: 401 | 403;
  message: string;
}

export class SenderCheck {
  constructor(
    private readonly review: TokenReviewer,
    readonly audience: string = DEFAULT_AUDIENCE
  ) {}

  /** undefined when the sender may post into `namespace` */
  async refusal(authorization: string | undefined, namespace: string): Promise<Refusal | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) {
      return { status: 401, message: `a bearer token for audience ${this.audience} is required` };
    }
    const reviewed = await this.review(token, this.audience);
    if (!reviewed.authenticated || !(reviewed.audiences ?? []).includes(this.audience)) {
      return { status: 401, message: `the token is not valid for audience ${this.audience}` };
    }
    const sender = /^system:serviceaccount:([^:]+):[^:]+$/.exec(reviewed.username ?? '')?.[1];
    if (sender !== namespace) {
      return {
        status: 403,
        message: `a sender from ${sender ? `namespace ${sender}` : 'outside any namespace'} may not post dead letters into ${namespace}`,
      };
    }
    return undefined;
  }
}
