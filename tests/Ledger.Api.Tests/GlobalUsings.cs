global using System.Net;
global using System.Text;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Alba;
global using Ledger.Api.Tests.Support;
global using Shouldly;
global using Xunit;
global using static Ledger.Api.Tests.Support.Reference;
