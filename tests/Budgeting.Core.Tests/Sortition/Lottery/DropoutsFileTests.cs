using System.Text;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Core.Tests.Sortition.Lottery;

public sealed class DropoutsFileTests
{
    [Test]
    public void Write_IsTheHeaderAndOneIdALine_QuotingWhereNeeded() =>
        Assert.That(Encoding.UTF8.GetString(DropoutsFile.Write(["p7", "Smith, J", "a\"b"])), Is.EqualTo("id\np7\n\"Smith, J\"\n\"a\"\"b\"\n"));

    [Test]
    public void Read_WhatWriteWrites_GivesTheIdsBackWithTheirLines()
    {
        var ids = DropoutsFile.Read(DropoutsFile.Write(["p7", "Smith, J", "a\"b"]), "d.csv");
        Assert.That(ids, Is.EqualTo(new[] { ("p7", 2), ("Smith, J", 3), ("a\"b", 4) }));
    }

    [Test]
    public void Read_CrLfBomAndBlankLines_AreAccepted()
    {
        var ids = DropoutsFile.Read(Encoding.UTF8.GetBytes("\uFEFFID\r\np7\r\n\r\n p9 \r\n"), "d.csv");
        Assert.That(ids, Is.EqualTo(new[] { ("p7", 2), ("p9", 4) }));
    }

    [TestCase("name\np1\n", "d.csv:1: column 'id': the header must be 'id', not 'name'")]
    [TestCase("id\n", "d.csv:2: column 'id': the file names no dropout")]
    [TestCase("id\np1\np2,p3\n", "d.csv:3: column 'id': 'p2,p3' is not one id (quote an id that holds a comma)")]
    [TestCase("id\np1\n\"\"\n", "d.csv:3: column 'id': the id is empty")]
    [TestCase("id\np1\np2\np1\n", "d.csv:4: column 'id': p1 is named twice (first on line 2)")]
    public void Read_BadFile_NamesFileLineAndColumn(string text, string message)
    {
        var error = Assert.Throws<SortitionInputException>(() => DropoutsFile.Read(Encoding.UTF8.GetBytes(text), "d.csv"));
        Assert.That(error!.Problems[0].ToString(), Is.EqualTo(message));
    }
}
