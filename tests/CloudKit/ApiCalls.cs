using System.Net.Http.Json;
using System.Text.Json;

namespace StandardsCloud.CloudKit;

/// <summary>The few API calls most tests make, over real HTTP.</summary>
public static class ApiCalls
{
    public static async Task<List<JsonElement>> LaunchAsync(this HttpClient client, string imageId, int count = 1, string type = "t1.micro")
    {
        var response = await client.PostAsJsonAsync("/api/v1/instances", new { imageId, instanceType = type, count });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"launch answered {(int)response.StatusCode}: {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("instances").EnumerateArray().Select(e => e.Clone())];
    }

    public static async Task<JsonElement> InstanceAsync(this HttpClient client, string id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{id}");

    public static async Task<string> StateAsync(this HttpClient client, string id) =>
        (await client.InstanceAsync(id)).GetProperty("state").GetString()!;

    /// <summary>Polls until the instance is in <paramref name="state"/>; fails with the last state seen.</summary>
    public static async Task WaitForStateAsync(this HttpClient client, string id, string state, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var last = "";
        while (DateTime.UtcNow < until)
        {
            last = await client.StateAsync(id);
            if (last == state)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"instance {id} stayed {last}, never {state}");
    }

    /// <summary>Polls until the image is in <paramref name="state"/> (pending, available, failed); fails with the last state seen.</summary>
    public static async Task<JsonElement> WaitForImageAsync(this HttpClient client, string imageId, string state, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var last = "";
        while (DateTime.UtcNow < until)
        {
            var image = await client.GetFromJsonAsync<JsonElement>($"/api/v1/images/{imageId}");
            last = image.GetProperty("state").GetString()!;
            if (last == state)
            {
                return image;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"image {imageId} stayed {last}, never {state}");
        return default;
    }

    /// <summary>Polls until every listed instance is in <paramref name="state"/>.</summary>
    public static async Task WaitForAllAsync(this HttpClient client, IEnumerable<string> ids, string state, int seconds = 60)
    {
        foreach (var id in ids)
        {
            await client.WaitForStateAsync(id, state, seconds);
        }
    }

    public static async Task<HttpResponseMessage> ActAsync(this HttpClient client, string id, string action) =>
        await client.PostAsync($"/api/v1/instances/{id}/{action}", null);

    /// <summary>Polls the instance's console until it shows <paramref name="text"/>; fails with its state and what it showed.</summary>
    public static async Task<string> WaitForConsoleAsync(this HttpClient client, string id, string text, int seconds)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var seen = "";
        while (DateTime.UtcNow < until)
        {
            seen = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{id}/console")).GetProperty("text").GetString()!;
            if (seen.Contains(text, StringComparison.Ordinal))
            {
                return seen;
            }

            await Task.Delay(500);
        }

        var instance = await client.InstanceAsync(id);
        Assert.Fail($"the console of {id} ({instance.GetProperty("state")}: {instance.GetProperty("stateReason")}) never showed '{text}'; it showed:\n{seen}");
        return seen;
    }
}
