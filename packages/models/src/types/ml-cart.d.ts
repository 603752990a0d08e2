// ml-cart ships no type declarations; this covers the part @mlops/models uses.
declare module 'ml-cart' {
  interface CartOptions {
    gainFunction?: string;
    splitFunction?: string;
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  interface CartNode {
    classify(row: ArrayLike<number>): number | { get(row: number, column: number): number; columns: number };
  }
  interface CartJSON {
    options: CartOptions;
    root: unknown;
    name: string;
  }
  /** What both of ml-cart's trees have (ml-cart itself declares them as two unrelated classes). */
  class CartTree {
    constructor(options?: CartOptions);
    root: CartNode;
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
    toJSON(): CartJSON;
  }
  export class DecisionTreeClassifier extends CartTree {
    static load(model: CartJSON): DecisionTreeClassifier;
  }
  export class DecisionTreeRegression extends CartTree {
    static load(model: CartJSON): DecisionTreeRegression;
  }
}
