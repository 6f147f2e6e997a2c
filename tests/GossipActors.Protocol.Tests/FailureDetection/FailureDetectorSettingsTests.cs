using GossipActors.Protocol.FailureDetection;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

public sealed class FailureDetectorSettingsTests
{
    [Fact]
    public void The_reference_values_are_valid_without_warnings()
    {
        var validation = TestSettings.Detector().Validate();

        Assert.True(validation.IsValid);
        Assert.Empty(validation.Warnings);
    }

    [Fact]
    public void Setting_keys_are_spelled_as_in_configuration()
    {
        Assert.Equal("gossip.failure-detector.model", FailureDetectorSettingKeys.Model);
        Assert.Equal("gossip.failure-detector.phi-convict-threshold", FailureDetectorSettingKeys.PhiConvictThreshold);
        Assert.Equal("gossip.failure-detector.evaluation-interval", FailureDetectorSettingKeys.EvaluationInterval);
        Assert.Equal("gossip.failure-detector.window-size", FailureDetectorSettingKeys.WindowSize);
        Assert.Equal("gossip.failure-detector.initial-interval", FailureDetectorSettingKeys.InitialInterval);
        Assert.Equal("gossip.failure-detector.max-interval", FailureDetectorSettingKeys.MaxInterval);
        Assert.Equal("gossip.failure-detector.min-std-deviation", FailureDetectorSettingKeys.MinStdDeviation);
        Assert.Equal("gossip.failure-detector.acceptable-heartbeat-pause", FailureDetectorSettingKeys.AcceptableHeartbeatPause);
        Assert.Equal("gossip.failure-detector.local-pause-threshold", FailureDetectorSettingKeys.LocalPauseThreshold);
        Assert.Equal("gossip.failure-detector.backlog-threshold", FailureDetectorSettingKeys.BacklogThreshold);
        Assert.Equal("gossip.failure-detector.flap-window", FailureDetectorSettingKeys.FlapWindow);
    }

    [Theory]
    [InlineData(4.99)]
    [InlineData(0)]
    [InlineData(-8)]
    [InlineData(16.01)]
    [InlineData(100)]
    [InlineData(double.NaN)]
    public void A_threshold_outside_5_to_16_is_an_error_naming_the_setting_and_the_range(double threshold)
    {
        var validation = (TestSettings.Detector() with { PhiConvictThreshold = threshold }).Validate();

        var error = Assert.Single(validation.Errors);
        Assert.Contains("gossip.failure-detector.phi-convict-threshold", error, StringComparison.Ordinal);
        Assert.Contains("5-16", error, StringComparison.Ordinal);
        Assert.False(validation.IsValid);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(12)]
    public void Thresholds_from_5_to_12_are_accepted_silently(double threshold)
    {
        var validation = (TestSettings.Detector() with { PhiConvictThreshold = threshold }).Validate();
        Assert.True(validation.IsValid);
        Assert.Empty(validation.Warnings);
    }

    [Theory]
    [InlineData(12.5)]
    [InlineData(16)]
    public void A_threshold_above_12_is_accepted_with_a_warning(double threshold)
    {
        var validation = (TestSettings.Detector() with { PhiConvictThreshold = threshold }).Validate();
        Assert.True(validation.IsValid);
        var warning = Assert.Single(validation.Warnings);
        Assert.Contains("gossip.failure-detector.phi-convict-threshold", warning, StringComparison.Ordinal);
        Assert.Contains("above 12", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_invalid_value_is_reported_with_its_key()
    {
        var settings = TestSettings.Detector() with
        {
            Model = (PhiModelKind)7,
            WindowSize = 0,
            EvaluationInterval = TimeSpan.Zero,
            InitialInterval = TimeSpan.FromSeconds(-1),
            MaxInterval = TimeSpan.Zero,
            MinStdDeviation = TimeSpan.Zero,
            AcceptableHeartbeatPause = TimeSpan.FromSeconds(-3),
            LocalPauseThreshold = TimeSpan.Zero,
            BacklogThreshold = TimeSpan.FromSeconds(-1),
            FlapWindow = TimeSpan.Zero,
        };

        var errors = settings.Validate().Errors;

        foreach (var key in new[]
        {
            FailureDetectorSettingKeys.Model, FailureDetectorSettingKeys.WindowSize, FailureDetectorSettingKeys.EvaluationInterval,
            FailureDetectorSettingKeys.InitialInterval, FailureDetectorSettingKeys.MaxInterval, FailureDetectorSettingKeys.MinStdDeviation,
            FailureDetectorSettingKeys.AcceptableHeartbeatPause, FailureDetectorSettingKeys.LocalPauseThreshold,
            FailureDetectorSettingKeys.BacklogThreshold, FailureDetectorSettingKeys.FlapWindow,
        })
        {
            Assert.Contains(errors, e => e.StartsWith(key + " ", StringComparison.Ordinal));
        }

        Assert.Equal(10, errors.Count);
    }

    [Fact]
    public void The_detector_refuses_to_start_with_invalid_settings()
    {
        var error = Assert.Throws<FailureDetectorSettingsException>(
            () => new FailureDetectorCore(TestSettings.Detector() with { PhiConvictThreshold = 17 }));

        Assert.Contains("gossip.failure-detector.phi-convict-threshold = 17", error.Message, StringComparison.Ordinal);
        Assert.Contains("5-16", error.Message, StringComparison.Ordinal);
        Assert.Single(error.Errors);
    }

    [Fact]
    public void The_detector_starts_with_a_high_threshold_and_hands_back_the_warning()
    {
        var core = new FailureDetectorCore(TestSettings.Detector() with { PhiConvictThreshold = 14 });
        Assert.Contains("above 12", Assert.Single(core.StartupWarnings), StringComparison.Ordinal);
    }
}
