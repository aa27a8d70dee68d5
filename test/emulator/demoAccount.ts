// The sandbox account of the built-in demo scenario. Obviously fake keys (never `LTAI…`).

export const DEMO_ACCESS_KEY_ID = 'EBSDRSANDBOXKEYID01';
export const DEMO_ACCESS_KEY_SECRET = 'EBSDRSandboxSecret0000000000001';

/** A second demo account for STS: calls must carry DEMO_STS_TOKEN as security token. */
export const DEMO_STS_ACCESS_KEY_ID = 'STSEBSDRSANDBOXKEYID02';
export const DEMO_STS_ACCESS_KEY_SECRET = 'EBSDRSandboxStsSecret000000002';
export const DEMO_STS_TOKEN = 'EBSDRSandboxSecurityToken0002';

export const DEMO_ACCOUNT = {
  AccessKeyId: DEMO_ACCESS_KEY_ID,
  AccessKeySecret: DEMO_ACCESS_KEY_SECRET,
} as const;
