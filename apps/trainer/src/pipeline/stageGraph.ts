import { type Pipeline, stageOrder, upstreamOf } from './pipelineFile';

/** The stages (in run order) and the edges from each stage to the stages reading its outputs. */
export interface StageGraph {
  stages: string[];
  edges: { from: string; to: string }[];
}

/** Every stage of the pipeline, isolated ones included, and every edge between them. */
export function stageGraph(pipeline: Pipeline): StageGraph {
  const upstream = upstreamOf(pipeline);
  const stages = stageOrder(pipeline);
  return {
    stages,
    edges: stages.flatMap((name) => (upstream.get(name) ?? []).map((up) => ({ from: up, to: name }))),
  };
}

/** One line per stage with what it waits for. */
export function stageGraphText(graph: StageGraph): string {
  return graph.stages
    .map((name) => {
      const ups = graph.edges.filter((edge) => edge.to === name).map((edge) => edge.from);
      return `${name}  ${ups.length ? `← ${ups.join(', ')}` : '(waits for nothing)'}`;
    })
    .join('\n');
}

/**
 * A Mermaid flowchart declaring every stage as a node (so one without edges still
 * shows), then every edge. A name Mermaid cannot take as an id (`end`, or one with
 * characters other than letters, digits and `_`) gets a generated id and the name as label.
 */
export function stageGraphMermaid(graph: StageGraph): string {
  const ids = new Map(
    graph.stages.map((name, index) => [
      name,
      /^[A-Za-z_][\w]*$/.test(name) && name.toLowerCase() !== 'end' ? name : `stage${index + 1}`,
    ]),
  );
  const nodes = graph.stages.map((name) =>
    ids.get(name) === name ? `  ${name}` : `  ${ids.get(name)}["${name.replaceAll('"', '#quot;')}"]`,
  );
  const edges = graph.edges.map((edge) => `  ${ids.get(edge.from)} --> ${ids.get(edge.to)}`);
  return ['graph LR', ...nodes, ...edges].join('\n');
}
