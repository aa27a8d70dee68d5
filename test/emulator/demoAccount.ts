// The sandbox account of the built-in demo scenario. Obviously fake keys (the permanent key never starts with `LTAI`,
// which secret scanners flag); the STS key has the shape of a real one (`STS.` + 25 letters/digits, a 44-character
// secret, a base64 SecurityToken starting `CAIS`), so clients that check shapes accept it.

/** The Alibaba Cloud account (16 digits) both demo keys belong to, and the default owner of every pair and group. */
export const DEMO_ACCOUNT_ID = '1582046713509342';

/** A RAM user's permanent AccessKey of DEMO_ACCOUNT_ID. */
export const DEMO_ACCESS_KEY_ID = 'EBSDRSANDBOXKEYID01';
export const DEMO_ACCESS_KEY_SECRET = 'EBSDRSandboxSecret0000000000001';

/** An STS key of DEMO_ACCOUNT_ID: calls must carry DEMO_STS_TOKEN as security token. */
export const DEMO_STS_ACCESS_KEY_ID = 'STS.NSandboxEbsDr2Kd8Qm3Xv7Tp';
export const DEMO_STS_ACCESS_KEY_SECRET = 'WqCKRsARRiXdCjiFUngzIoKkgfOslyrIFBI60KNGNzVv';
export const DEMO_STS_TOKEN =
  'CAISUgqFvirpmY+lRnHTvaFzBnYzFoCMo2RlW/am8aZOkFXDft+YCq3pvcdijxYG/EXuKAbJHJ5g0ROa23dNeNEIS7XvoBozXklLavu06l1VMwFK8hljSphFkg6R8VgpwT88ZfbVp1zJ8zeaH3URmBJo84Qivmy6b0F1Q4q/m/qd2klVvBHHMX/z6v/MeJQUcIeG5ZAvNg9qIv7kIb8FVZ+JxU0B7VxiJjCiMBePTcP/9o3SGYJOPrQzq7JWnbBIE9qRSusfhQhAMVuM5rQj0npttJcGbgqSa9oimUGKZV3U9HEsp/Hu3ZVZeT5fTJhFIgVya4X+qpfAkUE8B0r7T5Jod59SQOb8glB2VoybJcCLeQ6BfeDM90muy9/qrS3C3DvkslHzXxejBHfB8+PluO/p8J9DEgGvfdh8VrEXj0DiS4HXOYlZeku+bg3mvJWFloAqJQ8k1pf+md0Q5u5ymIChY4TGWKCmk+dk/gMqWV6s4Sh9TXzbFVJW7s2ClcuqwxvVIzkdZO8yEk5L9FtfvlBIcbRHDD+zbOz1LLm30lZT1DXRVwYsjf6ufFOf7S0xXIdvjw066sMpR7PsdCixxJcu';

export const DEMO_ACCOUNT = {
  AccessKeyId: DEMO_ACCESS_KEY_ID,
  AccessKeySecret: DEMO_ACCESS_KEY_SECRET,
} as const;
