import { settingSchema } from '../policy/defaults';

/** Returns the default test-token lifetime in seconds: the `jwtLens.sign.defaultLifetime` default in package.json. */
export function defaultSignLifetime(): number {
  return settingSchema('jwtLens.sign.defaultLifetime').default as number;
}
