import * as assert from 'node:assert/strict';
import { EbsError } from '../../../src/ebs/errors';
import { encodeScript } from '../../../src/ecs/client';
import {
  decodeOutput,
  invocationNextToken,
  parseCloudAssistantStatus,
  parseDisksPage,
  parseInstancesPage,
  parseInvocationResultsPage,
  parseRequestOnly,
  parseRunCommand,
} from '../../../src/ecs/wire';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function unexpected(fn: () => unknown, pattern: RegExp): EbsError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof EbsError);
    assert.equal(e.code, 'UnexpectedResponse');
    assert.match(e.message, pattern);
    return e;
  }
  assert.fail('expected UnexpectedResponse');
}

describe('ecs/wire', () => {
  it('maps DescribeInstances, keeping unknown statuses and lower-casing OSType', () => {
    const body = {
      RequestId: '473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E',
      NextToken: 'caeba0bbb2be03f84eb48b699f0a4883',
      Instances: {
        Instance: [
          {
            InstanceId: 'i-bp1g6zv0ce8oghu7k3a1',
            InstanceName: 'verify-h',
            Status: 'Running',
            RegionId: 'cn-hangzhou',
            ZoneId: 'cn-hangzhou-h',
            InstanceType: 'ecs.g7.large',
            OSType: 'linux',
            OSName: 'Alibaba Cloud Linux  3.2104 LTS 64位',
            CreationTime: '2024-03-01T02:14Z',
          },
          { InstanceId: 'i-bp1aaaa0ce8oghu7k3a2', Status: 'Hibernating', OSType: 'Windows', ZoneId: 'cn-hangzhou-h' },
        ],
      },
    };
    const [a, b] = parseInstancesPage(body);
    assert.deepEqual(a, {
      instanceId: 'i-bp1g6zv0ce8oghu7k3a1',
      name: 'verify-h',
      status: 'Running',
      regionId: 'cn-hangzhou',
      zoneId: 'cn-hangzhou-h',
      osType: 'linux',
      osName: 'Alibaba Cloud Linux  3.2104 LTS 64位',
      instanceType: 'ecs.g7.large',
    });
    assert.equal(b?.status, 'Hibernating');
    assert.equal(b?.osType, 'windows');
    assert.equal(b?.name, '');
  });

  it('takes a missing or null list as empty and a list of the wrong type as UnexpectedResponse naming the action', () => {
    assert.deepEqual(parseInstancesPage({ RequestId: 'r' }), []);
    assert.deepEqual(parseInstancesPage({ RequestId: 'r', Instances: { Instance: null } }), []);
    assert.deepEqual(parseInstancesPage({ RequestId: 'r', Instances: {} }), []);
    assert.deepEqual(parseDisksPage({ RequestId: 'r', Disks: null }), []);
    const e = unexpected(() => parseInstancesPage({ RequestId: 'req-9', Instances: { Instance: 'i-bp1' } }), /DescribeInstances: Instances\.Instance is not an array/);
    assert.equal(e.requestId, 'req-9');
    unexpected(() => parseInstancesPage({ Instances: [] }), /DescribeInstances: Instances is not an object/);
    unexpected(() => parseDisksPage([]), /DescribeDisks: the response body is not a JSON object/);
    unexpected(() => parseDisksPage({ Disks: { Disk: [42] } }), /DescribeDisks: item 0 is not an object/);
    unexpected(() => parseInstancesPage({ Instances: { Instance: [{ Status: 'Running' }] } }), /DescribeInstances instance lacks InstanceId/);
    unexpected(() => parseDisksPage({ Disks: { Disk: [{ DiskId: 'd-bp1' }] } }), /DescribeDisks disk lacks Status/);
  });

  it('maps DescribeCloudAssistantStatus: only the string "true" is online', () => {
    const body = {
      RequestId: '1C3B9BE2-9C4A-4F4B-8D6E-0E5E0E0E0E0E',
      InstanceCloudAssistantStatusSet: {
        InstanceCloudAssistantStatus: [
          { InstanceId: 'i-bp1g6zv0ce8oghu7k3a1', CloudAssistantStatus: 'true', CloudAssistantVersion: '2.2.3.857', LastHeartbeatTime: '2024-06-03T07:41:09Z', OSType: 'Linux' },
          { InstanceId: 'i-bp1aaaa0ce8oghu7k3a2', CloudAssistantStatus: 'false', CloudAssistantVersion: '' },
          { InstanceId: 'i-bp1bbbb0ce8oghu7k3a3', CloudAssistantStatus: 'maybe' },
        ],
      },
    };
    assert.deepEqual(parseCloudAssistantStatus(body), [
      { instanceId: 'i-bp1g6zv0ce8oghu7k3a1', online: true, version: '2.2.3.857', lastHeartbeatTime: '2024-06-03T07:41:09Z' },
      { instanceId: 'i-bp1aaaa0ce8oghu7k3a2', online: false },
      { instanceId: 'i-bp1bbbb0ce8oghu7k3a3', online: false },
    ]);
    assert.deepEqual(parseCloudAssistantStatus({ RequestId: 'r' }), []);
  });

  it('maps DescribeDisks with the instance only when attached, the size as a number and the serial', () => {
    const body = {
      RequestId: 'B6B6D6B4-9D5C-4E5E-8C3A-1D2E3F4A5B6C',
      TotalCount: 2,
      Disks: {
        Disk: [
          {
            DiskId: 'd-bp18um4r4f2fve24abcd',
            Status: 'In_use',
            InstanceId: 'i-bp1g6zv0ce8oghu7k3a1',
            RegionId: 'cn-hangzhou',
            ZoneId: 'cn-hangzhou-h',
            Category: 'cloud_essd',
            Size: '40',
            SerialNumber: 'bp18um4r4f2fve24abcd',
            AttachedTime: '2024-06-03T07:45:12Z',
          },
          { DiskId: 'd-bp1dddd4r4f2fve2dcba', Status: 'Available', InstanceId: '', ZoneId: 'cn-hangzhou-h', RegionId: 'cn-hangzhou', Size: 20 },
        ],
      },
    };
    assert.deepEqual(parseDisksPage(body), [
      {
        diskId: 'd-bp18um4r4f2fve24abcd',
        status: 'In_use',
        regionId: 'cn-hangzhou',
        zoneId: 'cn-hangzhou-h',
        instanceId: 'i-bp1g6zv0ce8oghu7k3a1',
        category: 'cloud_essd',
        sizeGiB: 40,
        serialNumber: 'bp18um4r4f2fve24abcd',
      },
      { diskId: 'd-bp1dddd4r4f2fve2dcba', status: 'Available', regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-h', sizeGiB: 20 },
    ]);
  });

  it('maps RunCommand and the answers that carry only a RequestId', () => {
    assert.deepEqual(parseRunCommand({ RequestId: 'E69EF3CC-94CD-42E7-8926-F133B86387C0', CommandId: 'c-hz01b6kgn8a1s3k', InvokeId: 't-hz01b6kgn8a1s3l' }), {
      requestId: 'E69EF3CC-94CD-42E7-8926-F133B86387C0',
      commandId: 'c-hz01b6kgn8a1s3k',
      invokeId: 't-hz01b6kgn8a1s3l',
    });
    unexpected(() => parseRunCommand({ RequestId: 'r', CommandId: 'c-1' }), /RunCommand lacks InvokeId/);
    assert.deepEqual(parseRequestOnly({ RequestId: 'F4E1D3C2-1111-2222-3333-444455556666' }), { requestId: 'F4E1D3C2-1111-2222-3333-444455556666' });
    unexpected(() => parseRequestOnly({}), /lacks RequestId/);
  });

  it('maps DescribeInvocationResults with the output decoded from base64 and Dropped', () => {
    const output = 'EBS-DR: device=/dev/vdb\nEBS-DR: filesystem=ext4\nEBS-DR: fsck=clean\nEBS-DR: result=passed\n';
    const body = {
      RequestId: '7A2C1C1B-3E0A-4F6B-9C8D-1E2F3A4B5C6D',
      Invocation: {
        PageSize: 50,
        NextToken: '',
        InvocationResults: {
          InvocationResult: [
            {
              InvokeId: 't-hz01b6kgn8a1s3l',
              CommandId: 'c-hz01b6kgn8a1s3k',
              InstanceId: 'i-bp1g6zv0ce8oghu7k3a1',
              InvocationStatus: 'Success',
              InvokeRecordStatus: 'Finished',
              ExitCode: 0,
              Output: b64(output),
              Dropped: 0,
              ErrorCode: '',
              ErrorInfo: '',
              StartTime: '2024-06-03T07:46:01Z',
              FinishedTime: '2024-06-03T07:46:09Z',
              Repeats: 1,
            },
          ],
        },
      },
    };
    assert.deepEqual(parseInvocationResultsPage(body, 't-hz01b6kgn8a1s3l'), [
      {
        invokeId: 't-hz01b6kgn8a1s3l',
        instanceId: 'i-bp1g6zv0ce8oghu7k3a1',
        invocationStatus: 'Success',
        invokeRecordStatus: 'Finished',
        exitCode: 0,
        output,
        dropped: 0,
        startTime: '2024-06-03T07:46:01Z',
        finishedTime: '2024-06-03T07:46:09Z',
      },
    ]);
    assert.equal(invocationNextToken(body), undefined);
    assert.equal(invocationNextToken({ Invocation: { NextToken: 'tok-2' } }), 'tok-2');
    const failed = parseInvocationResultsPage(
      {
        RequestId: 'r',
        Invocation: {
          InvocationResults: {
            InvocationResult: [
              { InstanceId: 'i-bp1g6zv0ce8oghu7k3a1', InvocationStatus: 'Failed', ExitCode: '1', ErrorCode: 'ExitCodeNonzero', ErrorInfo: 'the command execution exit code is not zero.', Output: b64('x'.repeat(10)), Dropped: '2048' },
              { InstanceId: 'i-bp1aaaa0ce8oghu7k3a2', InvocationStatus: 'Suspended' },
            ],
          },
        },
      },
      't-hz01b6kgn8a1s3l',
    );
    assert.equal(failed[0]?.exitCode, 1);
    assert.equal(failed[0]?.dropped, 2048);
    assert.equal(failed[0]?.errorCode, 'ExitCodeNonzero');
    assert.equal(failed[0]?.invokeId, 't-hz01b6kgn8a1s3l', 'the asked InvokeId when the record lacks one');
    assert.equal(failed[1]?.invocationStatus, 'Suspended', 'an unknown status is kept');
    assert.equal(failed[1]?.output, '');
    assert.deepEqual(parseInvocationResultsPage({ RequestId: 'r' }, 't-1'), []);
    unexpected(() => parseInvocationResultsPage({ RequestId: 'r', Invocation: [] }, 't-1'), /DescribeInvocationResults: Invocation is not an object/);
    unexpected(() => parseInvocationResultsPage({ RequestId: 'r', Invocation: { InvocationResults: { InvocationResult: [{ InstanceId: 'i-1' }] } } }, 't-1'), /lacks InvocationStatus/);
  });

  it('round-trips a script through base64, non-ASCII and all; text that is not base64 is kept as it came', () => {
    const script = '#!/bin/bash\nset -euo pipefail\nprintf "EBS-DR: 检查 ✓ %s\\n" "$EBS_DR_DISK_ID"\n';
    assert.equal(encodeScript(script), Buffer.from(script, 'utf8').toString('base64'));
    assert.equal(decodeOutput(encodeScript(script)), script);
    assert.equal(decodeOutput(''), '');
    assert.equal(decodeOutput(undefined), '');
    assert.equal(decodeOutput('EBS-DR: result=passed'), 'EBS-DR: result=passed');
    assert.equal(decodeOutput(`${b64('line one\n').slice(0, 8)}\n${b64('line one\n').slice(8)}`), 'line one\n', 'line breaks inside base64');
  });
});
