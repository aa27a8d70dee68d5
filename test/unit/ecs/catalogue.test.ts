import * as assert from 'node:assert/strict';
import { catalogueEntryFor, ECS_CATALOGUE, explainError, formatMessage } from '../../../src/ebs/catalogue';
import { EbsError, LocalErrorCode } from '../../../src/ebs/errors';

/** The ECS and Cloud Assistant codes the verification flow can meet (docs/ecs-api.md, Errors). */
const ECS_CODES = [
  'Forbidden.RAM',
  'InvalidInstanceId.NotFound',
  'InvalidDiskId.NotFound',
  'InvalidDisk.InUse',
  'IncorrectDiskStatus',
  'ResourcesNotInSameZone',
  'IncorrectInstanceStatus',
  'InstanceLockedForSecurity',
  'DiskNotPortable',
  'InstanceDiskLimitExceeded',
  'DiskAttachedNumberExceeded',
  'InvalidDisk.AlreadyDetached',
  'DependencyViolation',
  'InvalidInstance.NotFound',
  'CmdContent.ExceedLimit',
  'Invocation.ExceedQuota',
  'InternalError.Dispatch',
  'InvalidDiskIds.Malformed',
  'IdempotentParameterMismatch',
  'IdempotentProcessing',
  LocalErrorCode.CloudAssistantOffline,
  LocalErrorCode.CommandTooLarge,
];

const ecsError = (code: string, action = 'AttachDisk', extra: Partial<ConstructorParameters<typeof EbsError>[0]> = {}): EbsError =>
  new EbsError({ code, message: code, action, regionId: 'cn-hangzhou', api: 'ecs', requestId: 'req-1', ...extra });

describe('ecs/catalogue', () => {
  it('has an entry of its own for every ECS code the flow can meet', () => {
    for (const code of ECS_CODES) assert.equal(catalogueEntryFor(code).code, code, code);
    assert.equal(catalogueEntryFor('InvalidDisk.InUse', 'ecs').code, 'InvalidDisk.InUse');
    assert.equal(new Set(ECS_CATALOGUE.map((e) => e.code)).size, ECS_CATALOGUE.length, 'duplicate codes');
  });

  it('names the RAM action with the namespace of the API called: ecs:AttachDisk, and still ebs:StartPairDrill', () => {
    const ecs = explainError(ecsError('Forbidden.RAM', 'AttachDisk'));
    assert.equal(ecs.category, 'permission');
    assert.equal(formatMessage(ecs.summary), 'A RAM policy denied ecs:AttachDisk.');
    assert.match(formatMessage(ecs.nextStep), /grant ecs:AttachDisk /);
    const ebs = explainError(new EbsError({ code: 'Forbidden.RAM', message: 'x', action: 'StartPairDrill', api: 'ebs' }));
    assert.equal(formatMessage(ebs.summary), 'A RAM policy denied ebs:StartPairDrill.');
    const unnamed = explainError(new EbsError({ code: 'Forbidden', message: 'x', action: 'StartPairDrill' }));
    assert.equal(formatMessage(unnamed.summary), 'You are not authorised to perform ebs:StartPairDrill.');
  });

  it('explains the endpoint codes of an ECS call with ECS and its setting, those of an EBS call as before', () => {
    const timeout = explainError(ecsError(LocalErrorCode.Timeout, 'DescribeDisks'));
    assert.equal(timeout.entryCode, 'ecs:Timeout');
    assert.equal(formatMessage(timeout.summary), 'The request to the ECS endpoint of cn-hangzhou timed out.');
    assert.match(formatMessage(timeout.nextStep), /ebsDr\.ecsEndpointTemplate/);
    const config = explainError(ecsError(LocalErrorCode.ConfigurationError));
    assert.match(formatMessage(config.nextStep), /ebsDr\.ecsEndpointTemplate/);
    const ebs = explainError(new EbsError({ code: LocalErrorCode.Timeout, message: 'x', regionId: 'cn-hangzhou', api: 'ebs' }));
    assert.equal(ebs.entryCode, 'Timeout');
    assert.equal(formatMessage(ebs.summary), 'The request to the EBS endpoint of cn-hangzhou timed out.');
    // A code without an ecs: entry falls back to the shared one.
    assert.equal(explainError(ecsError('Throttling.User')).entryCode, 'Throttling');
    assert.equal(explainError(ecsError('InternalError.Dispatch')).entryCode, 'InternalError.Dispatch');
  });

  it('sorts the codes into the categories the UI acts on', () => {
    assert.equal(catalogueEntryFor('ResourcesNotInSameZone').category, 'input');
    assert.equal(catalogueEntryFor('InvalidDisk.InUse').category, 'state');
    assert.equal(catalogueEntryFor('InternalError.Dispatch').category, 'transient');
    assert.equal(catalogueEntryFor('InvalidDiskIds.Malformed').category, 'internal');
    assert.equal(new EbsError({ code: 'IdempotentProcessing', message: 'x', httpStatus: 403 }).retryable, true, 'like LastTokenProcessing');
    assert.equal(new EbsError({ code: 'InvalidDisk.InUse', message: 'x', httpStatus: 404 }).retryable, false);
    const big = explainError(ecsError(LocalErrorCode.CommandTooLarge, 'RunCommand', { serverMessage: 'The check script is 30000 bytes base64-encoded.' }));
    assert.equal(formatMessage(big.summary), 'The check script is too large to send: The check script is 30000 bytes base64-encoded.');
  });
});
