global using Ledger.Console.Tests.Support;
global using Microsoft.Playwright;
global using Shouldly;
global using Xunit;
global using static Microsoft.Playwright.Assertions;
