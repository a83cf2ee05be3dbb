/** The texts of the weekly digest (`/daily subscribe digest:`), in Simplified Chinese; `en/daily-digest.ts` has the same keys. */

/** `daily.digest.*`. */
export const dailyDigestZhCN = {
  label: '每周总结：',
  at: '每{day} **{time}**（{timezone}），下次 {next}',
  off: '不发（用 digest:周日-20:00 开启）',
  days: { mon: '周一', tue: '周二', wed: '周三', thu: '周四', fri: '周五', sat: '周六', sun: '周日' },
  bad: '“{value}” 不是每周总结的时间。请写星期几和时间，例如 digest:周日-20:00 或 digest:sun-20:00；digest:off 关闭。',
  last: '上次总结：{date} · {status}',
  title: '📅 本群每周总结 · {from} – {to}',
  questionsHead: '本周的题',
  question: '- {question} · {answered} 人作答，{percent} % 答对',
  questionFew: '- {question} · 作答不足 {min} 人',
  noQuestions: '本周没有发题，也没有人答选择题。',
  weakHead: '本群最薄弱的分类（近 {days} 天的选择题）',
  weak: '- {category}：{percent} % 答对（{answered} 次作答）',
  noWeak: '最近还没有人答过选择题。',
  topHead: '本周前三',
  noTop: '本周还没有人答选择题。',
  practise: '练一题：{category}',
};
