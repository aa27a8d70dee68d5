// Size of the VSIX that `npm run package` produces (what users download).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';
import { figure } from './report';

export function benchVsix(): void {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'ignore' });
  figure('vsix_kb', statSync(join(repoRoot, 'dist', 'ebs-dr.vsix')).size / 1024, 'KB');
}
