// The parts of wink-naive-bayes-text-classifier (which ships no types) that the filter uses.
declare module "wink-naive-bayes-text-classifier" {
  type Classifier = {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: ((input: string) => string[])[]): number;
    learn(input: string, label: string): boolean;
    consolidate(): boolean;
    computeOdds(input: string): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
  };
  function naiveBayesTextClassifier(): Classifier;
  export default naiveBayesTextClassifier;
}
