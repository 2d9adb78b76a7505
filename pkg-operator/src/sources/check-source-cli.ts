// The name the operator's command dispatcher imports (see ./types); the command lives in ./cli.
export { checkSourceCli as checkSourceMain, CHECK_SOURCE_USAGE } from './cli';
