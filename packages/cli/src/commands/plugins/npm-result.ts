/** What one run of npm printed. */
export interface NpmResult {
  code: number;
  stdout: string;
  stderr: string;
}
