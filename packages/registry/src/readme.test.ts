import { join } from 'node:path';
import { describeReadme } from '@mlops/readme-snippets';

describeReadme(join(__dirname, '..'));
