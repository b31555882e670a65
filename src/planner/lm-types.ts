/** The landmark graph's shape, apart from its builder so the ordering passes can name it. */
export interface LandmarkGraph {
  /** Facts of each landmark: one (atomic) or several (disjunctive: any of them). */
  atoms: Int32Array[];
  isGoal: Uint8Array;
  /** Orderings into / out of each landmark: other landmark -> strongest ordering type. */
  parents: Array<Map<number, number>>;
  children: Array<Map<number, number>>;
  /** Whether some operator can achieve it before it was ever true / at all. */
  firstAchievable: Uint8Array;
  achievable: Uint8Array;
}
