/** The texts of /round (group rounds), in Simplified Chinese; `en/round.ts` has the same keys. */
export const roundZhCN = {
  started:
    '🏁 抢答开始：{count} 道选择题，每题 {seconds} 秒{filters}。第一题马上发出；发起人或管理员可用 /round stop 结束。',
  filters: '（{what}）',
  progress: '第 {n}/{total} 题 · {seconds} 秒',
  running: '本聊天已有一轮抢答在进行：已出 {n}/{total} 题。等它结束，或由发起人/管理员 /round stop。',
  notRunning: '本聊天没有正在进行的抢答。用 /round 开始一轮。',
  stopRefused: '只有发起人（{name}）或管理员可以结束这一轮。',
  unavailable: '这里不能进行抢答（机器人无法在本平台主动发消息）。',
  noChannel: '频道里不能抢答（频道投票是匿名的，无法计分）。请在群组里用 /round。',
  none: '没有符合这些条件的选择题。',
  overTitle: '🏆 抢答结束',
  stoppedTitle: '🏆 抢答已停止',
  interruptedTitle: '🏆 抢答中断（机器人停机过久），以下为已出题目的成绩',
  standing: '{place} {name}：答对 {correct}/{total} · 用时 {seconds} 秒',
  yourPlace: '你的名次：{line}',
  nobody: '没有人在答题时间内作答。',
  overFooter: '共出 {played} 题 · {players} 人参与 · 先比答对数，再比总用时',
} as const;
