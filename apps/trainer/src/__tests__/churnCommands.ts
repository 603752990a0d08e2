/**
 * `train --data churn.arrow --name churn …options`: what most CLI tests run to
 * register a version of the `churn` model from the churn data they generated.
 */
export function trainChurnArgs(...options: string[]): string[] {
  return ['train', '--data', 'churn.arrow', '--name', 'churn', ...options];
}
