namespace Budgeting.Api.Features.Panel;

/// <summary>Registers the panel feature's services.</summary>
public static class PanelRegistration
{
    /// <summary>Adds the panel store, the lottery gate and <see cref="PanelOptions"/> (section <c>Budgeting</c>).</summary>
    public static IServiceCollection AddPanel(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PanelOptions>(configuration.GetSection(Hosting.BudgetingOptions.Section));
        services.AddSingleton<LotteryGate>();
        services.AddSingleton<PanelStore>();
        return services;
    }
}
