// The error catalogue's entries: code → category, a short explanation and the next step for the user. The English
// templates are the localisation keys (zh-cn in l10n/bundle.l10n.zh-cn.json); lookup and rendering are in catalogue.ts.

import { LocalErrorCode } from './ebsError';

/** Drives the UI's actions: Switch Profile for credentials, Retry for retryable errors, and so on. */
export type ErrorCategory = 'credentials' | 'permission' | 'billing' | 'state' | 'transient' | 'input' | 'internal';

/** Values an entry may interpolate, taken from the EbsError. */
export type MessageParam =
  | 'code'
  | 'serverMessage'
  /** The RAM action, e.g. `ebs:StartPairDrill` or `ecs:AttachDisk` (the API's namespace; `ebs:*` when unknown). */
  | 'permission'
  | 'action'
  | 'regionId'
  | 'httpStatus'
  | 'errno'
  | 'requestId';

export interface MessageTemplate {
  /** English text with `{0}`-style placeholders; also the l10n key. */
  text: string;
  params: readonly MessageParam[];
}

export interface CatalogueEntry {
  code: string;
  category: ErrorCategory;
  summary: MessageTemplate;
  nextStep: MessageTemplate;
  /** Show nothing (user cancellation). */
  silent?: boolean;
}

const t = (text: string, ...params: MessageParam[]): MessageTemplate => ({ text, params });

function entry(code: string, category: ErrorCategory, summary: MessageTemplate, nextStep: MessageTemplate, silent?: boolean): CatalogueEntry {
  return silent ? { code, category, summary, nextStep, silent } : { code, category, summary, nextStep };
}

// Shared next steps (one l10n key each).
const GRANT = t('Ask your administrator to grant {0} to this RAM user or role, or switch to a profile that has it.', 'permission');
const SWITCH_CREDENTIALS = t('Check the AccessKey of the active profile, or switch to another profile.');
const REFRESH_AND_RETRY = t('Refresh the view to see the current status, then try again.');
const WAIT_AND_RETRY = t('Wait a moment, then retry.');
const CHECK_INPUT = t('Check the values you entered; if they came from the view, refresh it and try again.');
const REPORT_BUG = t('This looks like a bug in the extension. Please report it with request ID {0}.', 'requestId');
const CHECK_ENDPOINT = t('Check the setting ebsDr.endpointTemplate: it must point to an EBS endpoint for this region.');
const CHECK_NETWORK = t('Check your network connection, proxy and the setting ebsDr.endpointTemplate, then retry.');

export const ERROR_CATALOGUE: readonly CatalogueEntry[] = [
  // --- credentials (gateway) ---
  entry('InvalidAccessKeyId.NotFound', 'credentials', t('The AccessKey ID is not known to Alibaba Cloud.'), SWITCH_CREDENTIALS),
  entry('InvalidAccessKeyId.Inactive', 'credentials', t('The AccessKey is disabled.'), t('Enable the AccessKey in the RAM console, or switch to another profile.')),
  entry('InvalidAccessKeyId', 'credentials', t('The AccessKey ID is invalid.'), SWITCH_CREDENTIALS),
  entry(
    'SignatureDoesNotMatch',
    'credentials',
    t('Alibaba Cloud rejected the request signature: the AccessKey secret does not match the AccessKey ID.'),
    t('Re-enter the AccessKey secret of the active profile, or switch to another profile.'),
  ),
  entry('IncompleteSignature', 'credentials', t('The request signature is incomplete or malformed.'), SWITCH_CREDENTIALS),
  entry('InvalidSecurityToken.Expired', 'credentials', t('The STS security token has expired.'), t('Refresh the temporary credentials of the active profile, or switch to another profile.')),
  entry('InvalidSecurityToken', 'credentials', t('The STS security token is invalid for this AccessKey.'), t('Refresh the temporary credentials of the active profile, or switch to another profile.')),
  entry(
    'InvalidTimeStamp.Expired',
    'input',
    t("The request time differs from Alibaba Cloud's clock by more than 15 minutes."),
    t("Correct this computer's date, time and time zone, then retry."),
  ),
  entry('SignatureNonceUsed', 'transient', t('The request was rejected as a replay (its signature nonce was already used).'), WAIT_AND_RETRY),

  // --- permission ---
  entry('Forbidden', 'permission', t('You are not authorised to perform {0}.', 'permission'), GRANT),
  entry('Forbidden.Action', 'permission', t('The RAM policy does not allow the action {0}.', 'permission'), GRANT),
  entry('Forbidden.RAM', 'permission', t('A RAM policy denied {0}.', 'permission'), GRANT),
  entry(
    'NoPermission.SLR',
    'permission',
    t('EBS could not create its service-linked role AliyunServiceLinkedRoleForEBS.'),
    t('Ask an administrator with the permission ram:CreateServiceLinkedRole to create the role AliyunServiceLinkedRoleForEBS, then retry.'),
  ),
  entry('NoPermission', 'permission', t('The account lacks a permission EBS needs: {0}', 'serverMessage'), GRANT),

  // --- billing ---
  entry(
    'InvalidAccountStatus.NotEnoughBalance',
    'billing',
    t('The account balance is too low to create the pay-as-you-go drill disk.'),
    t('Top up the Alibaba Cloud account, then retry.'),
  ),
  entry('InvalidAccountStatus', 'billing', t('The account status does not allow this operation: {0}', 'serverMessage'), t('Check the billing status of the account in the Alibaba Cloud console.')),

  // --- state ---
  entry('OperationDenied', 'state', t('The operation is not allowed for this resource right now.'), REFRESH_AND_RETRY),
  entry(
    'OperationDenied.InvalidStatus',
    'state',
    t('The operation is not allowed in the current status of the pair, group or drill.'),
    t('Refresh, wait until the pair, group or drill reaches a stable status, then try again.'),
  ),
  entry(
    'OperationDenied.RecoverPointNotFound',
    'state',
    t('There is no recovery point yet to start a drill from.'),
    t('Wait for the first replication cycle to complete (up to 15 minutes after replication starts), then retry.'),
  ),
  entry(
    'OperationDenied.StartDrillShouldOnDestRegion',
    'state',
    t('Drills must be started in the secondary (DR) region, not in {0}.', 'regionId'),
    t("Start the drill in the region of the pair's or group's secondary disk."),
  ),
  entry('NoSuchResource', 'state', t('The pair, group or drill no longer exists.'), t('Refresh the view.')),
  entry(
    'LastTokenProcessing',
    'transient',
    t('An identical request is still being processed.'),
    t('Wait a moment and refresh the view; do not start the operation again.'),
  ),
  entry(
    'IdempotentParameterMismatch',
    'input',
    t('An earlier request used the same client token with different parameters.'),
    t('Start the operation again as a new action.'),
  ),

  // --- input ---
  entry('InvalidParameter', 'input', t('A parameter was rejected: {0}', 'serverMessage'), CHECK_INPUT),
  entry('InvalidParameter.Conflict', 'input', t('Parameters conflict: {0}', 'serverMessage'), CHECK_INPUT),
  entry('InvalidParameter.Format', 'input', t('A parameter has the wrong format: {0}', 'serverMessage'), CHECK_INPUT),
  entry('MissingParameter', 'input', t('A required parameter is missing: {0}', 'serverMessage'), REPORT_BUG),
  entry('InvalidApi.NotFound', 'input', t('The endpoint does not know the API {0}.', 'action'), CHECK_ENDPOINT),
  entry('InvalidAction.NotFound', 'input', t('The endpoint does not know the API {0}.', 'action'), CHECK_ENDPOINT),
  entry('InvalidVersion', 'input', t('The endpoint does not support the EBS API version 2021-07-30.'), CHECK_ENDPOINT),
  entry(
    LocalErrorCode.ConfigurationError,
    'input',
    t('The EBS connection settings are invalid: {0}', 'serverMessage'),
    t('Fix the setting ebsDr.endpointTemplate (https, or http only for localhost) or the profile, then retry.'),
  ),

  // --- transient ---
  entry('Throttling', 'transient', t('Alibaba Cloud is throttling requests.'), t('Wait a little, then retry.')),
  entry('ServiceUnavailable', 'transient', t('The EBS service is temporarily unavailable.'), t('Retry in a few minutes.')),
  entry('InternalError', 'transient', t('Alibaba Cloud reported an internal error.'), t('Retry. If it persists, contact Alibaba Cloud support with request ID {0}.', 'requestId')),
  entry(
    'RequestTimeout',
    'transient',
    t('The EBS service timed out while processing the request.'),
    t('Refresh the view to check whether the operation took effect, then retry if needed.'),
  ),
  entry(LocalErrorCode.Timeout, 'transient', t('The request to the EBS endpoint of {0} timed out.', 'regionId'), CHECK_NETWORK),
  entry(LocalErrorCode.DeadlineExceeded, 'transient', t('{0} did not complete in time.', 'action'), CHECK_NETWORK),
  entry(LocalErrorCode.NetworkError, 'transient', t('Could not reach the EBS endpoint of {0} ({1}).', 'regionId', 'errno'), CHECK_NETWORK),
  entry(LocalErrorCode.GatewayError, 'transient', t('A gateway answered HTTP {0} without a valid EBS response.', 'httpStatus'), WAIT_AND_RETRY),
  entry(LocalErrorCode.Cancelled, 'transient', t('The operation was cancelled.'), t('No action is needed.'), true),

  // --- hostile or broken endpoints ---
  entry(
    LocalErrorCode.ResponseTooLarge,
    'input',
    t('The EBS endpoint of {0} sent a larger answer than any EBS answer can be; it was not read.', 'regionId'),
    CHECK_ENDPOINT,
  ),
  entry(LocalErrorCode.UnexpectedRedirect, 'input', t('The EBS endpoint of {0} answered with a redirect (HTTP {1}), which EBS never sends.', 'regionId', 'httpStatus'), CHECK_ENDPOINT),

  // --- internal ---
  entry(LocalErrorCode.UnexpectedResponse, 'internal', t('The EBS service returned a response the extension does not understand.'), REPORT_BUG),
  entry(LocalErrorCode.InvalidArgument, 'internal', t('The extension passed an invalid argument: {0}', 'serverMessage'), REPORT_BUG),
  entry('XmlResponse', 'input', t('The endpoint of {0} answered in XML, which is not an EBS response.', 'regionId'), CHECK_ENDPOINT),
];

const CHECK_ECS_ENDPOINT = t('Check the setting ebsDr.ecsEndpointTemplate: it must point to an ECS endpoint for this region.');
const CHECK_ECS_NETWORK = t('Check your network connection, proxy and the setting ebsDr.ecsEndpointTemplate, then retry.');
const CHOOSE_INSTANCE = t('Choose another verification instance: a running Linux instance in the zone of the drill disk whose Cloud Assistant is online.');
const FREE_A_SLOT = t('Detach a disk from the verification instance, or choose another instance.');
const SHORTEN_SCRIPT = t('Shorten the check script (checks/<name>.sh in the evidence folder); it may have at most 24 KB once base64-encoded.');
const RETRY_OR_SUPPORT = t('Retry. If it persists, contact Alibaba Cloud support with request ID {0}.', 'requestId');

/**
 * ECS and Cloud Assistant (src/ecs/), for the verification of a drill: attach the drill disk to an instance, run the
 * check, detach it. Business codes under their own name (EBS never sends them); the codes that mean "the endpoint"
 * under `ecs:` (looked up first for an error of an ECS call: EbsError.api), so that they name ECS and its setting.
 */
export const ECS_CATALOGUE: readonly CatalogueEntry[] = [
  // --- instance ---
  entry('InvalidInstanceId.NotFound', 'state', t('The ECS instance does not exist (it may have been released).'), CHOOSE_INSTANCE),
  entry('InvalidInstance.NotFound', 'state', t('Cloud Assistant does not know the instance (it does not exist, or is not in this region).'), CHOOSE_INSTANCE),
  entry('IncorrectInstanceStatus', 'state', t('The status of the instance does not allow this operation.'), t('Make sure the verification instance is Running, then try again.')),
  entry('InstanceLockedForSecurity', 'state', t('The instance is locked for security reasons.'), t('Choose another verification instance, or have the lock resolved in the ECS console.')),
  entry(
    LocalErrorCode.CloudAssistantOffline,
    'state',
    t('Cloud Assistant is not installed or not online on this instance.'),
    t('Start the instance and its Cloud Assistant agent (it must have sent a heartbeat within the last two minutes), or choose another instance.'),
  ),
  // --- disk ---
  entry('InvalidDiskId.NotFound', 'state', t('The disk does not exist (a drill disk is deleted when its drill is cleared).'), t('Refresh the view.')),
  entry('InvalidDisk.InUse', 'state', t('The disk is already attached to an instance.'), t('Refresh the view; wait until the drill disk is Available, then try again.')),
  entry('IncorrectDiskStatus', 'state', t('The status of the disk does not allow attaching or detaching it now.'), t('Wait until the drill disk is Available (to attach) or In use (to detach), then try again.')),
  entry('ResourcesNotInSameZone', 'input', t('The instance and the disk are in different zones.'), t('Choose a verification instance in the zone of the drill disk.')),
  entry('DiskNotPortable', 'state', t('The disk cannot be attached or detached on its own (it is not portable).'), t('Check the disk in the ECS console; a drill disk is normally portable.')),
  entry('InstanceDiskLimitExceeded', 'state', t('The instance has as many disks attached as its instance type allows.'), FREE_A_SLOT),
  entry('DiskAttachedNumberExceeded', 'state', t('The instance already has the largest number of disks that can be attached to it.'), FREE_A_SLOT),
  entry('InvalidDisk.AlreadyDetached', 'state', t('The disk is already detached.'), t('No action is needed; refresh the view to see its status.')),
  entry('DependencyViolation', 'state', t('The disk is not attached to this instance.'), t('Refresh the view to see which instance the disk is attached to.')),
  entry('InvalidDiskIds.Malformed', 'internal', t('ECS rejected the disk IDs as malformed.'), REPORT_BUG),
  // --- Cloud Assistant ---
  entry('CmdContent.ExceedLimit', 'input', t('The check script is larger than Cloud Assistant accepts.'), SHORTEN_SCRIPT),
  entry(LocalErrorCode.CommandTooLarge, 'input', t('The check script is too large to send: {0}', 'serverMessage'), SHORTEN_SCRIPT),
  entry(
    LocalErrorCode.DiskStateTimeout,
    'transient',
    t('The drill disk did not reach the expected state in time: {0}', 'serverMessage'),
    t('Check the disk in the ECS console; if it is still attached to the verification instance, detach it there.'),
  ),
  entry(LocalErrorCode.CheckResultTimeout, 'transient', t('Cloud Assistant gave no result for the check in time: {0}', 'serverMessage'), t('Check the invocation in the ECS console (Cloud Assistant), then verify the drill again.')),
  entry('Invocation.ExceedQuota', 'state', t('The account has used up its quota of Cloud Assistant command runs.'), t('Retry later, or ask Alibaba Cloud for a larger Cloud Assistant quota.')),
  entry(
    'IdempotentProcessing',
    'transient',
    t('An identical request is still being processed.'),
    t('Wait a moment and refresh the view; do not start the operation again.'),
  ),
  entry('InternalError.Dispatch', 'transient', t('Cloud Assistant could not dispatch the command (an internal error).'), RETRY_OR_SUPPORT),
  // --- the endpoint (ECS calls only) ---
  entry(
    `ecs:${LocalErrorCode.ConfigurationError}`,
    'input',
    t('The ECS connection settings are invalid: {0}', 'serverMessage'),
    t('Fix the setting ebsDr.ecsEndpointTemplate (https, or http only for localhost) or the profile, then retry.'),
  ),
  entry('ecs:InvalidApi.NotFound', 'input', t('The endpoint does not know the API {0}.', 'action'), CHECK_ECS_ENDPOINT),
  entry('ecs:InvalidAction.NotFound', 'input', t('The endpoint does not know the API {0}.', 'action'), CHECK_ECS_ENDPOINT),
  entry('ecs:InvalidVersion', 'input', t('The endpoint does not support the ECS API version 2014-05-26.'), CHECK_ECS_ENDPOINT),
  entry('ecs:ServiceUnavailable', 'transient', t('The ECS service is temporarily unavailable.'), t('Retry in a few minutes.')),
  entry('ecs:RequestTimeout', 'transient', t('The ECS service timed out while processing the request.'), t('Refresh the view to check whether the operation took effect, then retry if needed.')),
  entry(`ecs:${LocalErrorCode.Timeout}`, 'transient', t('The request to the ECS endpoint of {0} timed out.', 'regionId'), CHECK_ECS_NETWORK),
  entry(`ecs:${LocalErrorCode.DeadlineExceeded}`, 'transient', t('{0} did not complete in time.', 'action'), CHECK_ECS_NETWORK),
  entry(`ecs:${LocalErrorCode.NetworkError}`, 'transient', t('Could not reach the ECS endpoint of {0} ({1}).', 'regionId', 'errno'), CHECK_ECS_NETWORK),
  entry(`ecs:${LocalErrorCode.GatewayError}`, 'transient', t('A gateway answered HTTP {0} without a valid ECS response.', 'httpStatus'), WAIT_AND_RETRY),
  entry(
    `ecs:${LocalErrorCode.ResponseTooLarge}`,
    'input',
    t('The ECS endpoint of {0} sent a larger answer than any ECS answer can be; it was not read.', 'regionId'),
    CHECK_ECS_ENDPOINT,
  ),
  entry(`ecs:${LocalErrorCode.UnexpectedRedirect}`, 'input', t('The ECS endpoint of {0} answered with a redirect (HTTP {1}), which ECS never sends.', 'regionId', 'httpStatus'), CHECK_ECS_ENDPOINT),
  entry(`ecs:${LocalErrorCode.UnexpectedResponse}`, 'internal', t('The ECS service returned a response the extension does not understand.'), REPORT_BUG),
  entry('ecs:XmlResponse', 'input', t('The endpoint of {0} answered in XML, which is not an ECS response.', 'regionId'), CHECK_ECS_ENDPOINT),
];

const CHECK_ROLE = t('Check the role settings of the profile (role ARN acs:ram::<account ID>:role/<role name>, session name, duration, external ID), or switch to another profile.');
const CHECK_STS_NETWORK = t('Check your network connection, proxy and the setting ebsDr.stsEndpoint, then retry.');

/**
 * Failures while getting temporary credentials (EbsError.service set): the same codes mean something else there
 * (STS `NoPermission` is a role that does not trust the caller, not a missing EBS action). Looked up before the
 * main catalogue; a code missing here falls back to it.
 */
export const CREDENTIAL_CATALOGUE: readonly CatalogueEntry[] = [
  entry(
    'sts:NoPermission',
    'credentials',
    t('STS refused to let this identity assume the role: {0}', 'serverMessage'),
    t("Make sure the role's trust policy names the source account or RAM user, and that the source identity is allowed sts:AssumeRole; or switch to another profile."),
  ),
  entry('sts:EntityNotExist.Role', 'credentials', t('The RAM role to assume does not exist.'), CHECK_ROLE),
  entry('sts:InvalidParameter', 'credentials', t('STS rejected a role setting of the profile: {0}', 'serverMessage'), CHECK_ROLE),
  entry('sts:MissingSecurityToken', 'credentials', t('STS needs the STS token of the source profile, and it has none.'), SWITCH_CREDENTIALS),
  entry(
    'sts:InvalidSecurityToken.Expired',
    'credentials',
    t("The source profile's STS token has expired, so the role cannot be assumed."),
    t('Refresh the temporary credentials of the source profile, or switch to another profile.'),
  ),
  entry('sts:NetworkError', 'transient', t('Could not reach the STS endpoint to assume the role ({0}).', 'errno'), CHECK_STS_NETWORK),
  entry('sts:Timeout', 'transient', t('The STS endpoint did not answer in time.'), CHECK_STS_NETWORK),
  entry('sts:DeadlineExceeded', 'transient', t('The STS endpoint did not answer in time.'), CHECK_STS_NETWORK),
  entry(
    `ecsMetadata:${LocalErrorCode.EcsMetadataUnavailable}`,
    'credentials',
    t('The ECS instance metadata service gave no credentials: {0}', 'serverMessage'),
    t('ECS RAM role profiles work only on an ECS instance with a RAM role attached; elsewhere, switch to another profile.'),
  ),
  entry(LocalErrorCode.CredentialProviderError, 'credentials', t('Temporary credentials could not be obtained: {0}', 'serverMessage'), SWITCH_CREDENTIALS),
];

/** Used for any code the catalogue does not know: still shows the server's message. */
export const GENERIC_ENTRY: CatalogueEntry = entry(
  '*',
  'internal',
  t('Alibaba Cloud returned the error {0}: {1}', 'code', 'serverMessage'),
  t('Look up the error code in the Alibaba Cloud documentation; quote request ID {0} when contacting support.', 'requestId'),
);

