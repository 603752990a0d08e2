import { badModelFile } from '../pipeline/modelFileChecks';

/**
 * Records `node` as the parent of `child`, refusing a second parent: children after their
 * parent rule out cycles, and one parent per node rules out shared subtrees, so the
 * nodes form one tree (a shared subtree would be walked once per path that reaches it).
 */
export function claimChild(parents: Int32Array, child: number, node: number, field: string): void {
  if (parents[child] >= 0) {
    throw badModelFile(
      field,
      `is node ${child}, already the child of node ${parents[child]}: a node has one parent`,
    );
  }
  parents[child] = node;
}

/** Refuses nodes that no split points to (every node but the root needs a parent). */
export function expectAllReached(parents: Int32Array, field: string): void {
  for (let node = 1; node < parents.length; node += 1) {
    if (parents[node] < 0)
      throw badModelFile(
        field,
        `has node ${node} that no split points to: every node but the root has a parent`,
      );
  }
}
