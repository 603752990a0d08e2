export { checkBoundaries, type Violation, type ViolationRule } from './checkBoundaries';
export { findCycles } from './findCycles';
export { allowedLibraryDependencies } from './rules';
