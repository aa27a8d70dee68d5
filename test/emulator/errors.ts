// API errors of the emulator: an HTTP status, an Alibaba Cloud error code and a message.
// Every error answer carries RequestId, HostId, Code, Message and Recommend (see server.ts).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const missingParameter = (name: string): ApiError =>
  new ApiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);

export const invalidParameter = (name: string, detail?: string): ApiError =>
  new ApiError(400, 'InvalidParameter', `The parameter ${name} is invalid.${detail ? ` ${detail}` : ''}`);

export const invalidFormat = (name: string): ApiError =>
  new ApiError(400, 'InvalidParameter.Format', `The format of the parameter ${name} is invalid.`);

export const noSuchResource = (what: string): ApiError =>
  new ApiError(404, 'NoSuchResource', `The specified resource does not exist. ${what}`.trim());

export const operationDenied = (detail?: string): ApiError =>
  new ApiError(403, 'OperationDenied', `The operation is not allowed.${detail ? ` ${detail}` : ''}`);

export const invalidStatus = (status: string): ApiError =>
  new ApiError(403, 'OperationDenied.InvalidStatus', `The operation is not allowed in current status. Current status: ${status}.`);

export const forbiddenAction = (action: string): ApiError =>
  new ApiError(403, 'Forbidden.Action', `User is not authorized to operate this action. Action: ${action}.`);

export const internalError = (): ApiError =>
  new ApiError(500, 'InternalError', 'The request processing has failed due to some unknown error, exception or failure.');

/** Default messages for codes that faults may inject without a message. */
export const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
  InternalError: 'The request processing has failed due to some unknown error, exception or failure.',
  RequestTimeout: 'The request is timeout, please try again later.',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
  'Throttling.User': 'Request was denied due to user flow control.',
  Forbidden: 'User is not authorized to operate.',
  'Forbidden.Action': 'User is not authorized to operate this action.',
  NoSuchResource: 'The specified resource does not exist.',
  OperationDenied: 'The operation is not allowed.',
  'OperationDenied.InvalidStatus': 'The operation is not allowed in current status.',
};

export function recommendUrl(code: string, requestId: string, product = 'Ebs'): string {
  return `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=${product}&requestId=${encodeURIComponent(requestId)}`;
}
