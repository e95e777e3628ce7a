using StandardsCloud.Marketplace.Entries;

namespace StandardsCloud.Marketplace.Tests;

public sealed class SearchWordsTests
{
    [Fact]
    public void Of_FieldsWithPunctuation_RunsOfLettersAndDigitsLowercaseOnce()
    {
        var words = SearchWords.Of(["Tiny teletype Linux", null, "x86_64", "jane.tester@example.org", "tag-9", "linux"]);

        Assert.Equal(["tiny", "teletype", "linux", "x86", "64", "jane", "tester", "example", "org", "tag", "9"], words);
    }

    [Fact]
    public void Split_OnlySeparators_NoWords()
    {
        Assert.Empty(SearchWords.Split(" -_.@ "));
        Assert.Empty(SearchWords.Split(null));
    }
}
