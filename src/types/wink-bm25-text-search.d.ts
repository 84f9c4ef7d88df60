declare module 'wink-bm25-text-search' {
  type PrepTask = (input: any) => any;
  interface BM25Engine {
    defineConfig(config: {
      fldWeights: Record<string, number>;
      bm25Params?: { k1?: number; b?: number; k?: number };
      ovFldNames?: string[];
    }): boolean;
    definePrepTasks(tasks: PrepTask[], field?: string): number;
    addDoc(doc: Record<string, string>, id: string | number): number;
    consolidate(fp?: number): boolean;
    search(text: string, limit?: number, filter?: (values: any, params: any) => boolean, params?: any): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
    reset(): boolean;
    getDocs(): Record<string, unknown>;
    getTokens(): Record<string, unknown>;
    getConfig(): unknown;
    getIDF(): Record<string, number>;
    getTotalCorpusLength(): number;
  }
  export default function bm25(): BM25Engine;
}
