export { checkCompose, DEFAULT_STACK, type StackSpec } from './checkCompose';
export type { DatabaseSpec } from './checkComposeDatabase';
export { checkDeployment } from './checkDeployment';
export { type CheckDockerfileOptions, checkDockerfile } from './checkDockerfile';
export { checkMonitoring, type MonitoringFiles } from './checkMonitoring';
export { dockerignoreMatcher, type IgnoreMatcher, readDockerignore } from './dockerignore';
export { exportedMetrics, metricsInExpression } from './exportedMetrics';
export type { DeployRule, Finding } from './Finding';
export { type ImageModel, type MissingPackage, missingWorkspacePackages } from './missingWorkspacePackages';
export {
  type Dockerfile,
  type DockerInstruction,
  type DockerStage,
  keyValues,
  parseDockerfile,
} from './parseDockerfile';
export { readEnvExample, SECRET_NAME } from './readEnvExample';
export { closure, readWorkspace, type WorkspacePackage } from './workspace';
