// The Environment profile of the host suites: the ALIBABA_CLOUD_* variables it reads, set to the emulator's demo key,
// and put back as they were afterwards.
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../emulator';

/** Every variable the Environment profile reads. */
export const ENVIRONMENT_VARIABLES = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_PROFILE'] as const;

/** Sets the demo key (and only it) in the variables; the returned function restores what was there. */
export function useDemoEnvironment(regionId = 'cn-hangzhou'): () => void {
  const saved = new Map(ENVIRONMENT_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of ENVIRONMENT_VARIABLES) delete process.env[name];
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = DEMO_ACCESS_KEY_ID;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = DEMO_ACCESS_KEY_SECRET;
  process.env.ALIBABA_CLOUD_REGION_ID = regionId;
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
