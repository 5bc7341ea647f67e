global using System.Net;
global using System.Text;
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Ledger.Security.Tests.Support;
global using Shouldly;
global using Xunit;
