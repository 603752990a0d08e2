export { describeReadme } from './describeReadme';
export { type ReadmeSnippet, readmeSnippets } from './readmeSnippets';
export { runSnippet, type SnippetRun } from './runSnippet';
