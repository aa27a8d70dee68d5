// Activates the extension under test and returns its test API.
import * as vscode from 'vscode';
import type { EbsDrTestApi } from '../../../src/testApi';

export const EXTENSION_ID = 'ebs-dr.ebs-dr';

export async function activateExtension(): Promise<EbsDrTestApi> {
  const extension = vscode.extensions.getExtension<EbsDrTestApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  if (!api) throw new Error('The extension returned no test API (is extensionMode Test?)');
  return api;
}
