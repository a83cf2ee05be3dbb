/** The texts of `/daily`'s format and pick settings, in Simplified Chinese; `en/daily-settings.ts` has the same keys. */
/** `daily.labelFormat` … `daily.badPick`, spread into `zhCN.daily`. */
export const dailySettingsZhCN = {
  labelFormat: '形式：',
  format: {
    flashcard: '问答卡（想好后点按钮看答案）',
    choice: '选择题（Telegram 测验投票 / Discord A–D 按钮）',
    both: '问答卡，再加一道选择题',
  },
  badFormat: '"{value}" 不是可用的形式。请选 flashcard（问答卡）、choice（选择题）或 both（两者）。',
  labelPick: '选题：',
  pick: {
    rotation: '轮换（打乱顺序每题一次，问完开始新一轮）',
    adaptive: '自适应（本群答错的题更早回来，答对的更晚；14 天内不重复）',
  },
  badPick: '"{value}" 不是可用的选题方式。请选 rotation（轮换）或 adaptive（自适应）。',
};
