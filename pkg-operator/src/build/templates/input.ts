export interface DockerfileInput {
  /** e.g. node:20-alpine, already checked */
  baseImage: string;
  /** go only: the exported function the handler names */
  goFunction: string;
}
