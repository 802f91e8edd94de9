using HelpCenter.Editor;

namespace HelpCenter.UnitTests.Editor;

public sealed class RevisionDiffTests
{
    private static string Show(IReadOnlyList<DiffPiece> pieces) =>
        string.Concat(pieces.Select(p => p.Kind switch
        {
            DiffKind.Added => "{+" + p.Text + "}",
            DiffKind.Removed => "{-" + p.Text + "}",
            _ => p.Text,
        }));

    [Fact]
    public void JapaneseIsSplitIntoRunsOfOneScript()
    {
        Assert.Equal(["パスワード", "を", "変更", "してください", "。"], ScriptRunChunker.Instance.Chunk("パスワードを変更してください。"));
        Assert.Equal(["2FA", "の", "設定", "：", "Google", " ", "Authenticator", "\n"], ScriptRunChunker.Instance.Chunk("2FAの設定：Google Authenticator\n"));
    }

    [Fact]
    public void ChangedJapaneseWordIsMarkedAloneNotTheWholeSentence()
    {
        var diff = RevisionDiff.Words("出金手数料は300円です。", "出金手数料は500円です。");
        Assert.Equal("出金手数料は{-300}{+500}円です。", Show(diff));
    }

    [Fact]
    public void ReworderJapaneseSentenceKeepsTheUnchangedWords()
    {
        var diff = RevisionDiff.Words("パスワードを変更してください。", "パスワードを再設定してください。");
        Assert.Equal("パスワードを{-変更}{+再設定}してください。", Show(diff));
    }

    [Fact]
    public void EnglishDiffIsByWordAndKeepsSpacesAndLines()
    {
        var diff = RevisionDiff.Words("Withdrawals take one day.\nContact us.", "Withdrawals take two days.\nContact us.");
        Assert.Equal("Withdrawals take {-one}{+two} {-day}{+days}.\nContact us.", Show(diff));
    }

    [Fact]
    public void IdenticalTextsHaveNoChangeAndConcatenateBackToTheNewText()
    {
        Assert.All(RevisionDiff.Words("同じ本文", "同じ本文"), p => Assert.Equal(DiffKind.Same, p.Kind));
        var older = "## 手順\n\n1. アプリを開く\n2. 設定を押す\n";
        var newer = "## 新しい手順\n\n1. アプリを開く\n2. メニューから設定を押す\n3. 完了\n";
        var pieces = RevisionDiff.Words(older, newer);
        Assert.Equal(newer, string.Concat(pieces.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
        Assert.Equal(older, string.Concat(pieces.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)));
    }
}
