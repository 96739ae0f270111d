using Budgeting.Api.Features.Ballots;
using Budgeting.Api.Features.Elections;
using Budgeting.Api.Features.Panel;
using Budgeting.Api.Features.Results;
using Budgeting.Api.Features.Samples;
using Budgeting.Api.Hosting;
using Budgeting.Api.Security;
using Budgeting.Api.Storage;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

builder.Services.Configure<BudgetingOptions>(builder.Configuration.GetSection(BudgetingOptions.Section));
builder.WebHost.ConfigureKestrel((context, kestrel) =>
{
    var options = context.Configuration.GetSection(BudgetingOptions.Section).Get<BudgetingOptions>() ?? new BudgetingOptions();
    kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
});

builder.Services.AddSingleton<Database>();
builder.Services.AddSingleton<AdminKey>(services =>
    new AdminKey(services.GetRequiredService<IOptions<BudgetingOptions>>(), services.GetRequiredService<Database>()));
builder.Services.AddSingleton<ElectionStore>();
builder.Services.AddPanel(builder.Configuration);
builder.Services.AddBallots();
builder.Services.AddResults();

builder.Services
    .AddAuthentication(BearerAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(Roles.Official, policy => policy.RequireRole(Roles.Official))
    .AddPolicy(Roles.Panelist, policy => policy.RequireRole(Roles.Panelist));

// A JSON body that cannot be read (malformed, or a value of the wrong type such as a cost of 1.5) is named by its JSON
// path in the ProblemDetails, so that the caller knows which field to fix.
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    if (context.Exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json })
    {
        // The serializer names .NET types ("could not be converted to System.Int64"); say what the caller can fix instead.
        var reason = json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "the value is not of the expected type (costs, budgets and amounts are whole numbers in the currency's smallest unit)."
            : json.Message.Split(" Path:", 2)[0];
        context.ProblemDetails.Title = "The request body is not valid";
        context.ProblemDetails.Detail = json.Path is { } path ? $"The JSON body could not be read at '{path}': {reason}" : $"The JSON body could not be read: {reason}";
        context.ProblemDetails.Extensions["field"] = json.Path;
    }
});
// Malformed bodies are the client's error (400 ProblemDetails) in every environment, Development included: the
// framework throws them to the exception handler below, which answers their status with the ProblemDetails above.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddValidatorsFromAssemblyContaining<ElectionDefinitionValidator>(ServiceLifetime.Singleton);
builder.Services.AddOpenApi();

var app = builder.Build();

// Schema first, then the admin key (which may need to be created and printed once).
Migrations.Apply(app.Services.GetRequiredService<Database>());
_ = app.Services.GetRequiredService<AdminKey>();
await app.LoadSampleAsync();

// A request the framework cannot read (malformed JSON, a body over the size limit) answers its own status (400, 413) as
// ProblemDetails, in every environment, instead of a 500.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapElections();
app.MapPanel();
app.MapBallots();
app.MapResults();

app.Run();

/// <summary>The host's entry point (public so that tests can start it in-process).</summary>
public partial class Program;
